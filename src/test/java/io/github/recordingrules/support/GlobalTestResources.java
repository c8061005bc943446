package io.github.recordingrules.support;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Declares the test resources every {@code @QuarkusTest} shares, so that they share one application. */
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.GLOBAL)
public final class GlobalTestResources {

    private GlobalTestResources() {
    }
}
