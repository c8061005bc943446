package io.github.recordingrules.support;

import io.github.recordingrules.devredis.LocalRedis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made for the TLS tests with the JDK's {@code keytool} (no other tool or library): a test
 * CA, server certificates it signs, and a self-signed one no client trusts. Made once per test JVM, in
 * a temporary directory, as PEM files a redis-server and the Redis client read.
 */
public final class TestCertificates {

    private static final String PASSWORD = "test-only";
    private static TestCertificates made;

    private final Path directory;
    private final Path caCertificate;
    private final LocalRedis.Tls trusted;
    private final LocalRedis.Tls otherName;
    private final LocalRedis.Tls untrusted;

    private TestCertificates(Path directory) throws IOException {
        this.directory = directory;
        Path caStore = directory.resolve("ca.p12");
        keytool("-genkeypair", "-keystore", caStore.toString(), "-alias", "ca", "-dname", "CN=Recording Rules Test CA",
                "-ext", "bc:c", "-ext", "KU=keyCertSign,cRLSign");
        caCertificate = writePem(caStore, "ca", "ca.crt", false);
        trusted = signed(caStore, "redis", "SAN=IP:127.0.0.1,DNS:localhost");
        otherName = signed(caStore, "elsewhere", "SAN=DNS:redis.elsewhere.example");
        Path rogueStore = directory.resolve("rogue.p12");
        keytool("-genkeypair", "-keystore", rogueStore.toString(), "-alias", "rogue", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=IP:127.0.0.1,DNS:localhost");
        untrusted = new LocalRedis.Tls(caCertificate, writePem(rogueStore, "rogue", "rogue.crt", false),
                writePem(rogueStore, "rogue", "rogue.key", true));
    }

    public static synchronized TestCertificates get() {
        if (made == null) {
            try {
                made = new TestCertificates(Files.createTempDirectory("test-certificates"));
            } catch (IOException e) {
                throw new IllegalStateException("cannot make the test certificates with keytool", e);
            }
        }
        return made;
    }

    /** The CA the function is configured to trust. */
    public Path caCertificate() {
        return caCertificate;
    }

    /** A server certificate the CA signed for 127.0.0.1 and localhost. */
    public LocalRedis.Tls trusted() {
        return trusted;
    }

    /** Signed by the trusted CA, but for another host name than the one the function connects to. */
    public LocalRedis.Tls otherName() {
        return otherName;
    }

    /** Self-signed for 127.0.0.1: right name, but no client trusts it. */
    public LocalRedis.Tls untrusted() {
        return untrusted;
    }

    private LocalRedis.Tls signed(Path caStore, String alias, String subjectAlternativeNames) throws IOException {
        Path store = directory.resolve(alias + ".p12");
        Path request = directory.resolve(alias + ".csr");
        Path certificate = directory.resolve(alias + ".crt");
        keytool("-genkeypair", "-keystore", store.toString(), "-alias", alias, "-dname", "CN=" + alias);
        keytool("-certreq", "-keystore", store.toString(), "-alias", alias, "-file", request.toString());
        // serverAuth for clients; clientAuth too, as cluster nodes present the same certificate to each other.
        keytool("-gencert", "-keystore", caStore.toString(), "-alias", "ca", "-infile", request.toString(),
                "-outfile", certificate.toString(), "-rfc", "-ext", subjectAlternativeNames,
                "-ext", "KU=digitalSignature,keyEncipherment", "-ext", "EKU=serverAuth,clientAuth");
        return new LocalRedis.Tls(caCertificate, certificate, writePem(store, alias, alias + ".key", true));
    }

    /** A certificate or (PKCS#8) private key of the store, as PEM. */
    private Path writePem(Path store, String alias, String fileName, boolean privateKey) throws IOException {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, PASSWORD.toCharArray());
            String type = privateKey ? "PRIVATE KEY" : "CERTIFICATE";
            byte[] der;
            if (privateKey) {
                Key key = keyStore.getKey(alias, PASSWORD.toCharArray());
                der = key.getEncoded();
            } else {
                der = keyStore.getCertificate(alias).getEncoded();
            }
            String pem = "-----BEGIN " + type + "-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END " + type + "-----\n";
            Path file = directory.resolve(fileName);
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            return file;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read " + store, e);
        }
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-noprompt"));
        if (arguments[0].equals("-genkeypair")) {
            command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-keypass", PASSWORD, "-validity", "2"));
        }
        if (arguments[0].equals("-gencert")) {
            command.addAll(List.of("-validity", "2"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
