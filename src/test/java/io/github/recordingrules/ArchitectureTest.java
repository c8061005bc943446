package io.github.recordingrules;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.github.recordingrules.adapter.redis.RedisRoomStore;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.rules.RulesParser;
import io.smallrye.config.ConfigMapping;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hexagon: the domain and the use cases know nothing of Quarkus, Redis, HTTP or configuration,
 * so they stay plain Java (and native-image friendly) and are tested without a container. Each adapter
 * depends on the core and on the shared HTTP layer ({@code adapter.http}), never on another adapter;
 * no package is in a cycle; only the wiring in {@code config} sees everything. Plain JUnit with
 * ArchUnit's core API, on the compiled main classes; every rule is also shown failing on classes
 * (src/test/java/io/github/recordingrules/archfixture) that break it on purpose.
 */
class ArchitectureTest {

    private static final String ROOT = "io.github.recordingrules";
    private static final String FIXTURE = ROOT + ".archfixture";
    private static final String[] FRAMEWORKS = {"io.quarkus..", "io.vertx..", "jakarta..", "org.jboss..", "io.smallrye.."};

    private static JavaClasses main;
    private static JavaClasses brokenOnPurpose;

    @BeforeAll
    static void importClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        brokenOnPurpose = new ClassFileImporter().importPackages(FIXTURE);
    }

    @Test
    void theRulesSeeTheWholeCodeBase() {
        // An empty or partial import would make every rule below pass vacuously.
        assertThat(main.stream().filter(c -> c.getPackageName().startsWith(ROOT + ".domain"))).hasSizeGreaterThanOrEqualTo(15);
        assertThat(main.stream().filter(c -> c.getPackageName().startsWith(ROOT + ".application"))).hasSizeGreaterThanOrEqualTo(5);
        assertThat(main.stream().map(JavaClass::getPackageName).filter(p -> p.startsWith(ROOT + ".adapter.")).distinct())
                .hasSizeGreaterThanOrEqualTo(4);
        assertThat(main.contain(Room.class)).isTrue();
        assertThat(main.contain(RulesParser.class)).isTrue();
        assertThat(main.contain(RoomService.class)).isTrue();
        assertThat(main.contain(RedisRoomStore.class)).isTrue();
        assertThat(main.contain(ArchitectureTest.class)).as("test classes are left out").isFalse();
        assertThat(brokenOnPurpose.size()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void domainDependsOnlyOnTheJdkAndJacksonCore() {
        domainRule(ROOT).check(main);
    }

    @Test
    void applicationDependsOnlyOnTheJdkTheDomainAndItself() {
        applicationRule(ROOT).check(main);
    }

    @Test
    void domainAndApplicationUseNoFramework() {
        frameworkFreeRule(ROOT + ".domain..", ROOT + ".application..").check(main);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        adaptersApartRule(ROOT).check(main);
    }

    @Test
    void theSharedHttpLayerDependsOnNoAdapter() {
        httpLayerRule(ROOT).check(main);
    }

    @Test
    void noPackageIsInACycle() {
        cyclesRule(ROOT).check(main);
    }

    @Test
    void onlyTheWiringSeesTheWiring() {
        configRule(ROOT).check(main);
    }

    @Test
    void theFunctionHoldsNoDevOrTestTooling() {
        noClasses().should().resideInAPackage(ROOT + ".devredis..")
                .orShould().resideInAPackage(ROOT + ".support..")
                .check(main);
    }

    @Test
    void theRulesFailWhereTheyAreBroken() {
        assertBroken(domainRule(FIXTURE), "archfixture.domain.ReachesIntoAnAdapter");
        assertBroken(applicationRule(FIXTURE), "archfixture.application.UsesTheFramework");
        assertBroken(frameworkFreeRule(FIXTURE + ".application.."), "jakarta");
        assertBroken(adaptersApartRule(FIXTURE), "archfixture.adapter.alpha.CallsBeta");
        assertBroken(httpLayerRule(FIXTURE), "archfixture.adapter.http.KnowsAnAdapter");
        assertBroken(cyclesRule(FIXTURE), "archfixture.cycle");
        assertBroken(configRule(FIXTURE), "archfixture.config.Wiring");
    }

    private static void assertBroken(ArchRule rule, String culprit) {
        assertThatThrownBy(() -> rule.check(brokenOnPurpose)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(culprit);
    }

    private static ArchRule domainRule(String root) {
        return classes().that().resideInAPackage(root + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson.core..",
                        root + ".domain..");
    }

    private static ArchRule applicationRule(String root) {
        return classes().that().resideInAPackage(root + ".application..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", root + ".domain..", root + ".application..");
    }

    private static ArchRule frameworkFreeRule(String... layers) {
        return noClasses().that().resideInAnyPackage(layers)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS);
    }

    private static ArchRule adaptersApartRule(String root) {
        return slices().matching(root + ".adapter.(*)..").should().notDependOnEachOther()
                .ignoreDependency(DescribedPredicate.alwaysTrue(), resideInAPackage(root + ".adapter.http.."));
    }

    private static ArchRule httpLayerRule(String root) {
        return noClasses().that().resideInAPackage(root + ".adapter.http..")
                .should().dependOnClassesThat(resideInAPackage(root + ".adapter..")
                        .and(DescribedPredicate.not(resideInAPackage(root + ".adapter.http.."))));
    }

    private static ArchRule cyclesRule(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    /** Outside {@code config}, only its {@code @ConfigMapping} interfaces (and their nested groups) may be used. */
    private static ArchRule configRule(String root) {
        DescribedPredicate<JavaClass> wiring = resideInAPackage(root + ".config..")
                .and(DescribedPredicate.describe("not a @ConfigMapping", c -> !isConfigMapping(c)));
        return noClasses().that().resideOutsideOfPackage(root + ".config..")
                .should().dependOnClassesThat(wiring);
    }

    private static boolean isConfigMapping(JavaClass type) {
        JavaClass outermost = type;
        while (outermost.getEnclosingClass().isPresent()) {
            outermost = outermost.getEnclosingClass().get();
        }
        return outermost.isAnnotatedWith(ConfigMapping.class);
    }
}
