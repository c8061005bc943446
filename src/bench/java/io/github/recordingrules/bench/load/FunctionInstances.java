package io.github.recordingrules.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

/**
 * Lambda instances of the JVM function zip, each a process started as the managed {@code java21} runtime
 * starts one: AWS's runtime interface client ({@code AWSLambda}) with the zip unpacked in
 * {@code LAMBDA_TASK_ROOT} (classes at its root, libraries in lib/), polling {@code AWS_LAMBDA_RUNTIME_API}
 * and handing each event to {@code QuarkusStreamHandler::handleRequest}. Quarkus's own poll loop, which reads
 * the same variable, only runs in the native build ({@code provided.al2023}).
 */
final class FunctionInstances implements AutoCloseable {

    static final String ACCOUNT_SID = "AC" + "b".repeat(32);
    static final String AUTH_TOKEN = "bench-auth-token-0123456789abcdef";

    private final Path function;
    private final Path workDir;
    private final String jvmOpts;
    private final String runtimeApi;
    private final String redisUri;
    private final List<Process> processes = new ArrayList<>();
    /** Instances started so far, stopped ones included: each one's number, and its log's. */
    private int started;
    private Path jni;

    private FunctionInstances(Path function, Path workDir, String jvmOpts, String runtimeApi, String redisUri) {
        this.function = function;
        this.workDir = workDir;
        this.jvmOpts = jvmOpts;
        this.runtimeApi = runtimeApi;
        this.redisUri = redisUri;
    }

    /** Unpacks the zip once; instances are started with {@link #start()}. */
    static FunctionInstances unpack(Path functionZip, Path workDir, String jvmOpts, String runtimeApi, String redisUri)
            throws IOException, InterruptedException {
        Path function = workDir.resolve("function");
        Files.createDirectories(workDir.resolve("logs"));
        if (Files.exists(function)) {
            new ProcessBuilder("rm", "-rf", function.toString()).inheritIO().start().waitFor();
        }
        Files.createDirectories(function);
        Process unzip = new ProcessBuilder("unzip", "-q", functionZip.toAbsolutePath().toString())
                .directory(function.toFile()).inheritIO().start();
        if (unzip.waitFor() != 0) {
            throw new IOException("cannot unzip " + functionZip);
        }
        return new FunctionInstances(function, workDir, jvmOpts, runtimeApi, redisUri);
    }

    int count() {
        return processes.size();
    }

    Path log(int number) {
        return workDir.resolve("logs/function-" + number + ".log");
    }

    /** The logs of the instances running now: the last {@link #count()} started. */
    List<Path> logs() {
        List<Path> logs = new ArrayList<>();
        for (int number = started - processes.size() + 1; number <= started; number++) {
            logs.add(log(number));
        }
        return logs;
    }

    /** One more instance; numbered from 1. */
    Process start(String... extraJvmOptions) throws IOException {
        return start(Map.of(), extraJvmOptions);
    }

    /**
     * One more instance, with {@code environment} added to (or replacing) the variables every instance gets:
     * the function's own settings, such as {@code RECORDING_RULES_MEDIA_SERVER_URL}.
     */
    Process start(Map<String, String> environment, String... extraJvmOptions) throws IOException {
        int number = ++started;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!jvmOpts.isBlank()) {
            command.addAll(List.of(jvmOpts.trim().split("\\s+")));
        }
        command.addAll(List.of(extraJvmOptions));
        String runtimeClient = Arrays.stream(System.getProperty("java.class.path").split(":"))
                .filter(jar -> jar.contains("aws-lambda-java-runtime-interface-client")
                        || jar.contains("aws-lambda-java-core") || jar.contains("aws-lambda-java-serialization"))
                .reduce((a, b) -> a + ":" + b)
                .orElseThrow(() -> new IllegalStateException("aws-lambda-java-runtime-interface-client is not on the class path"));
        command.add("-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=" + jniLibrary(runtimeClient));
        command.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", runtimeClient,
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"));
        // The runtime client's task root is its working directory (/var/task on AWS).
        ProcessBuilder builder = new ProcessBuilder(command).directory(function.toAbsolutePath().toFile())
                .redirectErrorStream(true).redirectOutput(log(number).toFile());
        Map<String, String> env = builder.environment();
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("QUARKUS_REDIS_HOSTS", redisUri);
        env.put("TWILIO_ACCOUNT_SID", ACCOUNT_SID);
        env.put("TWILIO_AUTH_TOKEN", AUTH_TOKEN);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "recording-rules-bench");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/recording-rules-bench");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "bench-" + number);
        env.put("LAMBDA_TASK_ROOT", function.toAbsolutePath().toString());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("_HANDLER", "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");
        env.putAll(environment);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** Stops every instance started so far; {@link #count()} is 0 after, and the next one started gets the next number. */
    void stopAll() {
        close();
        processes.clear();
    }

    /** CPU time (user + system) all instances used so far, in milliseconds. */
    double cpuMillis() throws IOException {
        double total = 0;
        for (Process process : processes) {
            if (!process.isAlive()) {
                throw new IllegalStateException("function process " + process.pid() + " exited with "
                        + process.exitValue() + "; see " + workDir.resolve("logs"));
            }
            total += cpuMillis(process.pid());
        }
        return total;
    }

    /** utime + stime of /proc/PID/stat (fields 14 and 15), in USER_HZ ticks: 100 per second on every common configuration. */
    static double cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
    }

    static String rss(long pid) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS") || line.startsWith("VmHWM")) {
                out.append(line.replaceAll("\\s+", " ")).append("; ");
            }
        }
        return out.toString();
    }

    static String quarkusStartedLine(Path log) throws IOException {
        for (String line : Files.readAllLines(log)) {
            int at = line.indexOf("started in ");
            if (at >= 0) {
                return line.substring(at).trim();
            }
        }
        return "(no start line)";
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The runtime client's JNI library, unpacked once. Left to itself, every client process unpacks it to
     * the same /tmp/.libaws-lambda-jni.so, and processes starting together crash (SIGBUS) loading a file
     * another one is rewriting; on Lambda there is one process per sandbox.
     */
    private synchronized String jniLibrary(String runtimeClientPath) throws IOException {
        if (jni == null) {
            String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "linux-aarch_64" : "linux-x86_64";
            String jar = Arrays.stream(runtimeClientPath.split(":"))
                    .filter(j -> j.contains("aws-lambda-java-runtime-interface-client")).findFirst().orElseThrow();
            Path target = workDir.resolve("libaws-lambda-jni.so").toAbsolutePath();
            try (ZipFile zip = new ZipFile(jar);
                 InputStream in = zip.getInputStream(zip.getEntry("jni/libaws-lambda-jni." + arch + ".so"))) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            jni = target;
        }
        return jni.toString();
    }
}
