package io.github.recordingrules.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A property set twice in application.properties keeps only one value, silently: two changes that each add
 * {@code quarkus.native.resources.includes} would leave a native image without one of the resources.
 */
class ApplicationPropertiesTest {

    @Test
    void noPropertyIsSetTwice() throws IOException {
        Set<String> seen = new HashSet<>();
        List<String> repeated = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/main/resources/application.properties"))) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.indexOf('=') < 0) {
                continue;
            }
            String key = trimmed.substring(0, trimmed.indexOf('=')).strip();
            if (!seen.add(key)) {
                repeated.add(key);
            }
        }
        assertThat(repeated).as("properties set more than once").isEmpty();
    }
}
