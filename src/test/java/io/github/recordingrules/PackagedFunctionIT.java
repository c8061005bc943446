package io.github.recordingrules;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged function ({@code target/function.zip}, JVM or native) holds no dev or test tooling: no
 * LocalRedis or dev-mode agent, no service registration of ours (the former dev-mode ConfigSourceFactory),
 * no embedded redis-server binary, in the zip or in any jar inside it. Run by failsafe after
 * {@code package}, in every {@code ./mvnw verify}.
 */
class PackagedFunctionIT {

    private static final List<String> FORBIDDEN_NAMES = List.of("devredis/", "LocalRedis", "DevRedisAgent",
            "redis-server", "embedded-redis", "archfixture/", "io/github/recordingrules/support/");

    private final List<String> entries = new ArrayList<>();
    private final List<String> ourServices = new ArrayList<>();

    @Test
    void theFunctionZipHoldsNoDevOrTestTooling() throws IOException {
        Path zip = Path.of(System.getProperty("function.zip", "target/function.zip"));
        assertThat(zip).exists();
        try (InputStream in = Files.newInputStream(zip)) {
            read("", in);
        }
        System.out.println("function.zip: " + Files.size(zip) + " bytes, " + entries.size() + " entries (nested jars included)");
        assertThat(entries).as("the function's own code is there")
                .anyMatch(e -> e.startsWith("io/github/recordingrules/") || e.equals("bootstrap"));
        assertThat(entries.stream().filter(e -> FORBIDDEN_NAMES.stream().anyMatch(e::contains)).toList()).isEmpty();
        assertThat(ourServices).as("service registrations naming our classes").isEmpty();
    }

    /** Lists every entry, descending into jars, and keeps the service files that name one of our classes. */
    private void read(String prefix, InputStream archive) throws IOException {
        ZipInputStream in = new ZipInputStream(archive);
        for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
            String name = prefix + entry.getName();
            entries.add(name);
            if (entry.getName().endsWith(".jar")) {
                read(name + "!", in);
            } else if (entry.getName().startsWith("META-INF/services/")
                    && new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("io.github.recordingrules")) {
                ourServices.add(name);
            }
        }
    }
}
