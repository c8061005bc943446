package io.github.recordingrules;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.github.recordingrules.adapter.redis.RedisRoomStore;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.rules.RulesParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hexagon: the domain and the use cases know nothing of Quarkus, Redis, HTTP or configuration,
 * so they stay plain Java (and native-image friendly) and are tested without a container.
 * Plain JUnit with ArchUnit's core API, on the compiled main classes.
 */
class ArchitectureTest {

    private static final String ROOT = "io.github.recordingrules";
    private static final String DOMAIN = ROOT + ".domain..";
    private static final String APPLICATION = ROOT + ".application..";
    private static final String[] FRAMEWORKS = {"io.quarkus..", "io.vertx..", "jakarta..", "org.jboss..", "io.smallrye.."};

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void theRulesSeeTheWholeCodeBase() {
        // An empty or partial import would make every rule below pass vacuously.
        assertThat(main.stream().filter(c -> c.getPackageName().startsWith(ROOT + ".domain"))).hasSizeGreaterThanOrEqualTo(15);
        assertThat(main.stream().filter(c -> c.getPackageName().startsWith(ROOT + ".application"))).hasSizeGreaterThanOrEqualTo(5);
        assertThat(main.contain(Room.class)).isTrue();
        assertThat(main.contain(RulesParser.class)).isTrue();
        assertThat(main.contain(RoomService.class)).isTrue();
        assertThat(main.contain(RedisRoomStore.class)).isTrue();
        assertThat(main.contain(ArchitectureTest.class)).as("test classes are left out").isFalse();
    }

    @Test
    void domainDependsOnlyOnTheJdkAndJacksonCore() {
        domainRule(DOMAIN).check(main);
    }

    @Test
    void applicationDependsOnlyOnTheJdkTheDomainAndItself() {
        applicationRule(APPLICATION).check(main);
    }

    @Test
    void domainAndApplicationDoNotReachIntoAdaptersOrConfiguration() {
        noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
                .should().dependOnClassesThat().resideInAnyPackage(
                        ROOT + ".adapter..", ROOT + ".config..", ROOT + ".devredis..")
                .check(main);
    }

    @Test
    void domainAndApplicationUseNoFramework() {
        frameworkFreeRule(DOMAIN, APPLICATION).check(main);
    }

    @Test
    void theRulesFailWhereTheyAreBroken() {
        // The adapters do use Quarkus, Jakarta and Jackson databind: the same rules must reject them.
        assertThatThrownBy(() -> domainRule(ROOT + ".adapter..").check(main)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> applicationRule(ROOT + ".adapter..").check(main)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> frameworkFreeRule(ROOT + ".adapter..", ROOT + ".config..").check(main))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("jakarta");
    }

    private static ArchRule domainRule(String layer) {
        return classes().that().resideInAPackage(layer)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson.core..", DOMAIN);
    }

    private static ArchRule applicationRule(String layer) {
        return classes().that().resideInAPackage(layer)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN, APPLICATION);
    }

    private static ArchRule frameworkFreeRule(String... layers) {
        return noClasses().that().resideInAnyPackage(layers)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS);
    }
}
