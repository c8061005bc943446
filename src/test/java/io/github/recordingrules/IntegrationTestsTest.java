package io.github.recordingrules;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code @QuarkusIntegrationTest}s ({@code ./mvnw verify -Dnative}) can run: Quarkus refuses one
 * whose class or any superclass has an {@code @Inject} or {@code @ConfigProperty} field (the test runs
 * outside the application), failing the whole class before any test. The same check Quarkus makes
 * (IntegrationTestUtil.ensureNoInjectAnnotationIsUsed), made here without a native build.
 */
class IntegrationTestsTest {

    @Test
    void noIntegrationTestInheritsAnInjectedField() {
        List<Class<?>> integrationTests = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("io.github.recordingrules").stream()
                .filter(c -> c.isAnnotatedWith(QuarkusIntegrationTest.class))
                .map(JavaClass::reflect)
                .toList();
        assertThat(integrationTests).extracting(Class::getSimpleName)
                .as("the integration tests found").contains("NativeRoomsIT", "RoomEventsResourceIT");

        List<String> injected = new ArrayList<>();
        for (Class<?> test : integrationTests) {
            for (Class<?> type = test; type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (field.isAnnotationPresent(Inject.class) || field.isAnnotationPresent(ConfigProperty.class)) {
                        injected.add(test.getSimpleName() + " inherits " + type.getSimpleName() + "." + field.getName());
                    }
                }
            }
        }
        assertThat(injected).as("fields a @QuarkusIntegrationTest refuses").isEmpty();
    }
}
