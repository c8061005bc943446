package io.github.recordingrules.domain.room;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * SIDs from 128 random bits. Made at run time only: a native image refuses a {@link SecureRandom}
 * created while it is built, so no constant or static field may hold one.
 */
public final class RandomSids implements SidGenerator {

    private final SecureRandom random = new SecureRandom();

    @Override
    public String next(String prefix) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
