package io.github.recordingrules.adapter.outbound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which addresses the function calls (docs/SPEC.md §11.1.6), decided without the network. */
class TargetGuardTest {

    /** A resolver standing in for DNS: every name resolves to the addresses given. */
    private static TargetGuard resolvingTo(List<String> allowed, String... addresses) {
        return new TargetGuard(allowed, host -> {
            InetAddress[] resolved = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                resolved[i] = InetAddress.getByName(addresses[i]);
            }
            return resolved;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.0.1", "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.0.1",
            "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1",
            "fd00::1", "fc00::1", "ff02::1", "::ffff:127.0.0.1", "64:ff9b::a00:1", "::a00:1"})
    void notPublicAddressesAreRefused(String address) throws Exception {
        assertThat(resolvingTo(List.of()).refusal(InetAddress.getByName(address))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "192.169.0.1", "2606:4700::1111", "64:ff9b::808:808"})
    void publicAddressesAreAllowed(String address) throws Exception {
        assertThat(resolvingTo(List.of()).refusal(InetAddress.getByName(address))).isNull();
    }

    @Test
    void theAllowlistOpensExactlyItsNetworks() throws Exception {
        TargetGuard guard = resolvingTo(List.of("10.1.0.0/16", "127.0.0.1", "fd00::/8"));
        assertThat(guard.refusal(InetAddress.getByName("10.1.200.3"))).isNull();
        assertThat(guard.refusal(InetAddress.getByName("10.2.0.1"))).isNotNull();
        assertThat(guard.refusal(InetAddress.getByName("127.0.0.1"))).isNull();
        assertThat(guard.refusal(InetAddress.getByName("127.0.0.2"))).isNotNull();
        assertThat(guard.refusal(InetAddress.getByName("fd12::1"))).isNull();
    }

    @Test
    void anAllowlistEntryThatIsNotANetworkStopsTheStartNamingItsPosition() {
        assertThatThrownBy(() -> resolvingTo(List.of("10.0.0.0/8", "intranet.example.com")))
                .hasMessageContaining("entry 2");
        assertThatThrownBy(() -> resolvingTo(List.of("10.0.0.0/33"))).hasMessageContaining("entry 1");
    }

    @Test
    void aNameIsCheckedOnEveryAddressItResolvesTo() {
        TargetGuard.Checked mixed = resolvingTo(List.of(), "93.184.216.34", "10.0.0.1")
                .check("https://hooks.example.com/events", Duration.ofSeconds(1));
        assertThat(mixed.target()).isNull();
        assertThat(mixed.refusal()).contains("resolves to 10.0.0.1");

        TargetGuard.Checked allowed = resolvingTo(List.of(), "93.184.216.34")
                .check("https://hooks.example.com:8443/events?x=1", Duration.ofSeconds(1));
        assertThat(allowed.target()).isEqualTo(new TargetGuard.Target(true, "hooks.example.com", 8443,
                allowed.target().address(), "/events?x=1"));
        assertThat(allowed.target().address().getHostAddress()).as("the address checked is the one connected to")
                .isEqualTo("93.184.216.34");
    }

    @Test
    void aNameThatDoesNotResolveIsAFailureToRetryNotARefusal() {
        TargetGuard guard = new TargetGuard(List.of(), host -> {
            throw new java.net.UnknownHostException(host);
        });
        TargetGuard.Checked checked = guard.check("https://nowhere.example.com/", Duration.ofSeconds(1));
        assertThat(checked.refusal()).isNull();
        assertThat(checked.failure()).contains("did not resolve");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "https://user:pw@example.com/", "http:///path", "not a url"})
    void onlyPlainHttpAndHttpsUrlsAreCalled(String url) {
        assertThat(resolvingTo(List.of(), "93.184.216.34").check(url, Duration.ofSeconds(1)).refusal()).isNotNull();
    }

    @Test
    void atCreationNamesAreLeftForLaterAndWrittenAddressesAreJudged() {
        TargetGuard guard = resolvingTo(List.of(), "10.0.0.1");
        assertThat(guard.refusal("https://hooks.example.com/events")).as("a name is resolved only when called").isEmpty();
        assertThat(guard.refusal("http://169.254.169.254/")).isPresent();
        assertThat(guard.refusal("http://LOCALHOST/")).isPresent();
        assertThat(guard.refusal("https://93.184.216.34/")).isEmpty();
    }
}
