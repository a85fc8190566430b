package dev.snowpipecdc.deploy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * terraform/snowflake, as far as this machine can check it (the Snowflake provider cannot be downloaded here, so
 * no terraform validate or plan): every variable and resource it refers to is declared, it grants a CREATE
 * privilege for every kind of object sql/ creates, its outputs are environment variables the pipeline reads, and,
 * where a terraform binary is on the PATH, it is formatted as terraform fmt wants.
 */
class TerraformModuleTest {

    private static final Path MODULE = Path.of("terraform", "snowflake");

    @Test
    void every_variable_and_resource_referred_to_is_declared() throws Exception {
        String variables = Files.readString(MODULE.resolve("variables.tf"));
        String code = Files.readString(MODULE.resolve("main.tf")) + Files.readString(MODULE.resolve("outputs.tf"));
        Set<String> declared = matches(variables, "variable \"(\\w+)\"");
        assertThat(matches(code + variables, "\\bvar\\.(\\w+)")).isNotEmpty()
                .allSatisfy(name -> assertThat(declared).as("variable " + name).contains(name));
        Set<String> resources = matches(code, "resource \"(snowflake_\\w+)\" \"(\\w+)\"", 1, 2);
        assertThat(matches(code, "\\b(snowflake_\\w+)\\.(\\w+)\\.\\w+", 1, 2)).isNotEmpty()
                .allSatisfy(reference -> assertThat(resources).as(reference).contains(reference));
    }

    @Test
    void the_role_may_create_every_kind_of_object_the_pipelines_sql_creates() throws Exception {
        String variables = Files.readString(MODULE.resolve("variables.tf"));
        Set<String> kinds = new HashSet<>();
        try (Stream<Path> files = Files.walk(Path.of("sql"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                kinds.addAll(matches(Files.readString(file).toUpperCase(Locale.ROOT),
                        "CREATE (?:OR REPLACE |OR ALTER )?(?:TRANSIENT )?(DYNAMIC TABLE|TABLE|STREAM|TASK|VIEW"
                                + "|SEQUENCE|STAGE|PIPE|PROCEDURE|FUNCTION)\\b"));
            }
        }
        assertThat(kinds).contains("TABLE", "STREAM", "TASK", "DYNAMIC TABLE");
        kinds.forEach(kind -> assertThat(variables).as("schema_privileges grants CREATE " + kind)
                .contains("\"CREATE " + kind + "\""));
        assertThat(variables).as("the tasks run").contains("\"EXECUTE TASK\"");
    }

    @Test
    void its_outputs_are_settings_the_pipeline_reads() throws Exception {
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        Set<String> outputs = matches(Files.readString(MODULE.resolve("outputs.tf")), "\\b(SNOWFLAKE_\\w+)\\s*=");
        assertThat(outputs).containsExactlyInAnyOrder("SNOWFLAKE_URL", "SNOWFLAKE_USER", "SNOWFLAKE_ROLE",
                "SNOWFLAKE_DATABASE", "SNOWFLAKE_SCHEMA", "SNOWFLAKE_WAREHOUSE");
        outputs.forEach(name -> assertThat(properties).contains("{{env:" + name + ":"));
    }

    @Test
    void it_is_formatted_as_terraform_fmt_wants() throws Exception {
        Path terraform = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "terraform")).filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(terraform != null, "no terraform binary on the PATH");
        Process fmt = new ProcessBuilder(terraform.toString(), "fmt", "-check", "-recursive", "-diff",
                MODULE.toString()).redirectErrorStream(true).start();
        assertThat(fmt.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(fmt.getInputStream().readAllBytes());
        assertThat(fmt.exitValue()).as(output).isZero();
    }

    private static Set<String> matches(String text, String regex) {
        return matches(text, regex, 1);
    }

    /** Each match's groups joined with '.'. */
    private static Set<String> matches(String text, String regex, int... groups) {
        Set<String> found = new HashSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(String.join(".", IntStream.of(groups).mapToObj(m::group).toList()));
        }
        return found;
    }
}
