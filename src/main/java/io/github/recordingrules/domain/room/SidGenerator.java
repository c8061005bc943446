package io.github.recordingrules.domain.room;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Makes Twilio-style SIDs: a two-letter prefix and 32 hex digits. */
@FunctionalInterface
public interface SidGenerator {

    String next(String prefix);

    SidGenerator RANDOM = new SidGenerator() {
        private final SecureRandom random = new SecureRandom();

        @Override
        public String next(String prefix) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            return prefix + HexFormat.of().formatHex(bytes);
        }
    };
}
