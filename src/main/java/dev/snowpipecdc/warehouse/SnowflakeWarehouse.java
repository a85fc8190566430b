package dev.snowpipecdc.warehouse;

import java.net.URI;
import java.security.PrivateKey;
import java.util.Optional;

import javax.sql.DataSource;

import net.snowflake.client.jdbc.SnowflakeBasicDataSource;
import net.snowflake.ingest.utils.Utils;

/**
 * The {@code warehouse} data source for a real Snowflake account: snowflake-jdbc with the same key-pair
 * credentials the ingest client uses.
 */
public final class SnowflakeWarehouse {

    private SnowflakeWarehouse() {
    }

    /**
     * @param accountUrl e.g. https://myorg-myaccount.snowflakecomputing.com
     * @param privateKeyPem PKCS#8 PEM, encrypted when a passphrase is given
     * @param warehouse the virtual warehouse for the SQL the pipeline runs (DDL, monitoring queries)
     */
    public static DataSource dataSource(String accountUrl, String user, Optional<String> role, String privateKeyPem,
                                        Optional<String> passphrase, String database, String schema,
                                        Optional<String> warehouse) {
        URI uri = URI.create(accountUrl.contains("://") ? accountUrl : "https://" + accountUrl);
        SnowflakeBasicDataSource ds = new SnowflakeBasicDataSource();
        ds.setUrl("jdbc:snowflake://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
        ds.setUser(user);
        role.ifPresent(ds::setRole);
        ds.setDatabaseName(database);
        ds.setSchema(schema);
        warehouse.ifPresent(ds::setWarehouse);
        PrivateKey key = passphrase.isPresent() ? Utils.parseEncryptedPrivateKey(privateKeyPem, passphrase.get())
                : Utils.parsePrivateKey(privateKeyPem);
        ds.setPrivateKey(key);
        ds.setApplication("snowpipe-cdc");
        return ds;
    }
}
