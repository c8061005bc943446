package io.github.recordingrules.heapfixture;

import java.security.SecureRandom;

/** The shape of the defect the native build met (issue 15 item 11): an interface constant holding a generator. */
public interface RandomInAnInterfaceConstant {

    RandomInAnInterfaceConstant SHARED = new RandomInAnInterfaceConstant() {
        private final SecureRandom random = new SecureRandom();

        @Override
        public long next() {
            return random.nextLong();
        }
    };

    long next();
}
