package dev.snowpipecdc.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import net.snowflake.ingest.streaming.InsertValidationResponse;
import net.snowflake.ingest.streaming.OpenChannelRequest;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestChannel;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestClient;
import net.snowflake.ingest.streaming.SnowflakeStreamingIngestClientFactory;
import net.snowflake.ingest.utils.SFException;

/** {@link IngestClient} over the classic {@code snowflake-ingest-sdk} (Snowpipe Streaming Classic). */
public final class ClassicIngestClient implements IngestClient {

    private final SnowflakeStreamingIngestClient client;

    private ClassicIngestClient(SnowflakeStreamingIngestClient client) {
        this.client = client;
    }

    public static ClassicIngestClient connect(IngestSettings settings) {
        Properties props = new Properties();
        props.put("url", settings.url());
        props.put("user", settings.user());
        settings.role().ifPresent(role -> props.put("role", role));
        props.put("private_key", settings.privateKeyPem());
        settings.privateKeyPassphrase().ifPresent(p -> props.put("private_key_passphrase", p));
        try {
            return new ClassicIngestClient(SnowflakeStreamingIngestClientFactory.builder(settings.clientName())
                    .setProperties(props)
                    .setParameterOverrides(new HashMap<>(settings.parameterOverrides()))
                    .build());
        } catch (SFException e) {
            throw new IngestException("Cannot start the Snowpipe Streaming client for " + settings.url() + " as "
                    + settings.user() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public IngestChannel openChannel(ChannelId id, OnError onError) {
        OpenChannelRequest request = OpenChannelRequest.builder(id.channel())
                .setDBName(id.database())
                .setSchemaName(id.schema())
                .setTableName(id.table())
                .setOnErrorOption(OpenChannelRequest.OnErrorOption.valueOf(onError.name()))
                .build();
        try {
            return new Channel(id, onError, client.openChannel(request));
        } catch (SFException e) {
            throw new IngestException("Cannot open channel " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<ChannelId, Optional<String>> committedOffsetTokens(List<IngestChannel> channels) {
        List<SnowflakeStreamingIngestChannel> sdkChannels = new ArrayList<>();
        channels.forEach(c -> sdkChannels.add(((Channel) c).sdk));
        try {
            Map<String, String> byName = client.getLatestCommittedOffsetTokens(sdkChannels);
            Map<ChannelId, Optional<String>> tokens = new HashMap<>();
            channels.forEach(c -> tokens.put(c.id(),
                    Optional.ofNullable(byName.get(((Channel) c).sdk.getFullyQualifiedName()))));
            return tokens;
        } catch (SFException e) {
            throw new IngestException("Cannot read committed offset tokens: " + e.getMessage(), e);
        }
    }

    @Override
    public void flush() {
        CommitWait.await(client.flush(), "flush");
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            throw new IngestException("Closing the Snowpipe Streaming client failed: " + e.getMessage(), e);
        }
    }

    /** SDK vendor codes of a row that does not fit the table: a data problem, not a service problem. */
    private static final Set<String> ROW_VALIDATION_CODES = Set.of("0004", "0030", "0031");

    private static final class Channel implements IngestChannel {
        private final ChannelId id;
        private final OnError onError;
        private final SnowflakeStreamingIngestChannel sdk;

        Channel(ChannelId id, OnError onError, SnowflakeStreamingIngestChannel sdk) {
            this.id = id;
            this.onError = onError;
            this.sdk = sdk;
        }

        @Override
        public ChannelId id() {
            return id;
        }

        @Override
        public InsertOutcome insert(List<Map<String, Object>> rows, String startOffsetToken, String endOffsetToken) {
            try {
                InsertValidationResponse response = sdk.insertRows(rows, startOffsetToken, endOffsetToken);
                List<RejectedRow> rejected = new ArrayList<>();
                for (InsertValidationResponse.InsertError error : response.getInsertErrors()) {
                    int index = (int) error.getRowIndex();
                    rejected.add(new RejectedRow(index, rows.get(index), error.getException().getVendorCode(),
                            error.getException().getMessage()));
                }
                // SKIP_BATCH buffers nothing from a batch with an invalid row
                boolean refused = onError == OnError.SKIP_BATCH && !rejected.isEmpty();
                return new InsertOutcome(refused ? 0 : rows.size() - rejected.size(), rejected, refused);
            } catch (SFException e) {
                if (onError == OnError.ABORT && ROW_VALIDATION_CODES.contains(e.getVendorCode())) {
                    // ABORT stops at the first invalid row, buffering nothing; its message names the row index
                    return new InsertOutcome(0, List.of(new RejectedRow(-1, Map.of(), e.getVendorCode(),
                            e.getMessage())), true);
                }
                throw new IngestException("Insert into channel " + id + " failed (" + e.getVendorCode() + "): "
                        + e.getMessage(), e);
            }
        }

        @Override
        public Optional<String> committedOffsetToken() {
            try {
                return Optional.ofNullable(sdk.getLatestCommittedOffsetToken());
            } catch (SFException e) {
                throw new IngestException("Cannot read the committed offset token of channel " + id + ": "
                        + e.getMessage(), e);
            }
        }

        @Override
        public boolean isValid() {
            return sdk.isValid();
        }

        @Override
        public void close() {
            CommitWait.await(sdk.close(), "closing channel " + id);
        }
    }
}
