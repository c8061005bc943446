package io.github.recordingrules.adapter.outbound;

import io.github.recordingrules.application.CallbackTargets;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Which URLs the function calls (docs/SPEC.md §11.1.6): http and https only, without credentials in the URL,
 * and never an address that is loopback, link-local (169.254.169.254 among them), private, unique-local,
 * multicast or otherwise not public, unless it lies in {@code recording-rules.outbound.allowed-private-networks}.
 * The check is made on the addresses a name resolves to, and the request then connects to the very address
 * checked, so that no second resolution can send it elsewhere.
 */
@Startup
@ApplicationScoped
public class TargetGuard implements CallbackTargets {

    /** Where to connect: the address checked, and the host name for the Host header, SNI and the certificate. */
    record Target(boolean ssl, String host, int port, InetAddress address, String pathAndQuery) {
    }

    /**
     * The outcome of a check: a target; or a refusal, final; or a failure to resolve, worth retrying.
     */
    record Checked(Target target, String refusal, String failure) {

        static Checked refused(String reason) {
            return new Checked(null, reason, null);
        }
    }

    private static final List<Network> NOT_PUBLIC = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "fe80::/10", "fec0::/10", "fc00::/7", "ff00::/8", "2001:db8::/32")
            .stream().map(Network::parse).toList();
    /**
     * IPv6 forms that carry an IPv4 address in their last four bytes, which is checked too: NAT64 and the old
     * IPv4-compatible form. (Java itself turns IPv4-mapped {@code ::ffff:a.b.c.d} into the IPv4 address.)
     */
    private static final List<Network> EMBEDDING_IPV4 = List.of("64:ff9b::/96", "::/96")
            .stream().map(Network::parse).toList();

    private final List<Network> allowed;
    private final HostResolver resolver;
    private final ExecutorService resolving = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "outbound-resolver");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    TargetGuard(RecordingRulesConfig config, HostResolver resolver) {
        this(config.outbound().allowedPrivateNetworks().orElse(List.of()), resolver);
    }

    TargetGuard(List<String> configured, HostResolver resolver) {
        this.resolver = resolver;
        List<Network> networks = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            try {
                networks.add(Network.parse(configured.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("recording-rules.outbound.allowed-private-networks, entry " + (i + 1)
                        + ": " + e.getMessage(), e);
            }
        }
        this.allowed = List.copyOf(networks);
    }

    @PreDestroy
    void stop() {
        resolving.shutdownNow();
    }

    /**
     * What can be told of a {@code StatusCallback} when it is stored: its form, and an address written in it
     * or a name that is always local. Other names are checked when called.
     */
    @Override
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.of("it is not a URL");
        }
        Optional<String> form = formRefusal(uri);
        if (form.isPresent()) {
            return form;
        }
        String host = bareHost(uri);
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost") || lower.endsWith(".localhost")) {
            return Optional.of("it names this machine");
        }
        if (isLiteral(host)) {
            try {
                return Optional.ofNullable(refusal(InetAddress.getByName(host)));
            } catch (UnknownHostException e) {
                return Optional.of("its address is malformed");
            }
        }
        return Optional.empty();
    }

    /** Resolves the URL's host within {@code timeout} and checks every address it has. */
    Checked check(String url, Duration timeout) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Checked.refused("it is not a URL");
        }
        Optional<String> form = formRefusal(uri);
        if (form.isPresent()) {
            return Checked.refused(form.get());
        }
        String host = bareHost(uri);
        InetAddress[] addresses;
        try {
            addresses = CompletableFuture.supplyAsync(() -> {
                try {
                    return resolver.resolve(host);
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException("unknown host", e);
                }
            }, resolving).get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return new Checked(null, null, "its host " + host + " did not resolve");
        } catch (TimeoutException e) {
            return new Checked(null, null, "its host " + host + " did not resolve in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Checked(null, null, "interrupted");
        }
        for (InetAddress address : addresses) {
            String refused = refusal(address);
            if (refused != null) {
                return Checked.refused("its host " + host + " resolves to " + address.getHostAddress() + ", " + refused);
            }
        }
        boolean ssl = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : ssl ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new Checked(new Target(ssl, host, port, addresses[0], pathAndQuery), null, null);
    }

    private static Optional<String> formRefusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("only http and https URLs are called");
        }
        if (uri.getHost() == null) {
            return Optional.of("it has no host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("credentials in the URL are not supported");
        }
        return Optional.empty();
    }

    /** The reason an address may not be called, or null when it may. */
    String refusal(InetAddress address) {
        for (Network network : allowed) {
            if (network.contains(address)) {
                return null;
            }
        }
        if (notPublic(address.getAddress())) {
            return "a private, loopback or link-local address (allow it with "
                    + "recording-rules.outbound.allowed-private-networks)";
        }
        return null;
    }

    private static boolean notPublic(byte[] address) {
        for (Network network : NOT_PUBLIC) {
            if (network.contains(address)) {
                return true;
            }
        }
        if (address.length == 16) {
            for (Network embedding : EMBEDDING_IPV4) {
                if (embedding.contains(address)) {
                    byte[] ipv4 = {address[12], address[13], address[14], address[15]};
                    return notPublic(ipv4);
                }
            }
        }
        return false;
    }

    private static String bareHost(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }
}
