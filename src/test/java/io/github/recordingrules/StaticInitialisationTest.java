package io.github.recordingrules;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a native image would refuse in its heap, looked for without GraalVM (issue 15 item 11). Quarkus
 * initialises application classes while building the image, so whatever their static initialisers
 * leave reachable is written into the image; native-image stops on a {@link Random} or
 * {@link SplittableRandom} there ("Detected an instance of Random/SplittableRandom class in the image
 * heap"), a {@link Thread}, an open file or socket, or a direct buffer.
 * <p>
 * The check initialises every main class in a class loader of its own, then follows each static field
 * through arrays, collections, maps, {@link Optional}s, records and the fields of non-JDK objects, up to
 * {@value #DEPTH} levels, and fails on any refused object it meets; it also fails on a thread started
 * during the initialisations. It cannot see what Quarkus itself puts in the image (recorded build-time
 * state, beans created at static init), what libraries' own classes hold, objects reachable only deeper
 * or through a JDK object's private fields, or a file opened and left open without a reference from a
 * static field. {@code heapfixture} holds classes that break it, to show it failing.
 */
class StaticInitialisationTest {

    private static final String ROOT = "io.github.recordingrules";
    private static final int DEPTH = 6;
    private static final List<Class<?>> REFUSED = List.of(Random.class, SplittableRandom.class, Thread.class,
            FileDescriptor.class, FileInputStream.class, FileOutputStream.class, RandomAccessFile.class, Channel.class,
            Socket.class, ServerSocket.class, DatagramSocket.class, Process.class);

    @Test
    void noApplicationClassLeavesWhatANativeImageRefuses() throws Exception {
        List<String> classes = classNames(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS, ROOT);
        assertThat(classes).as("main classes found").hasSizeGreaterThan(60)
                .contains(ROOT + ".domain.room.RandomSids", ROOT + ".config.ApplicationBeans");

        assertThat(refusedAfterInitialising(classes)).as("refused in the image heap").isEmpty();
    }

    @Test
    void theCheckFailsWhereAClassBreaksIt() throws Exception {
        String fixture = ROOT + ".heapfixture";
        List<String> problems = refusedAfterInitialising(classNames(ImportOption.Predefined.ONLY_INCLUDE_TESTS, fixture));

        assertThat(problems).anyMatch(p -> p.startsWith(fixture + ".RandomInAnInterfaceConstant.SHARED.random: java.security.SecureRandom"));
        assertThat(problems).anyMatch(p -> p.startsWith(fixture + ".ThreadInARecordInAList.WORKERS[0].thread: java.lang.Thread"));
        assertThat(problems).anyMatch(p -> p.contains("thread heapfixture-sleeper started"));
        assertThat(problems).noneMatch(p -> p.contains("NothingRefused"));
    }

    private static List<String> classNames(ImportOption option, String packageName) {
        return new ClassFileImporter().withImportOption(option).importPackages(packageName).stream()
                .map(JavaClass::getName)
                .filter(name -> name.startsWith(packageName + "."))
                .sorted()
                .toList();
    }

    /** Initialises the classes, each once, in a fresh loader; what they leave that an image refuses. */
    private static List<String> refusedAfterInitialising(List<String> classNames) throws Exception {
        List<String> problems = new ArrayList<>();
        ClassLoader fresh = new ApplicationFirst(StaticInitialisationTest.class.getClassLoader());
        List<Class<?>> initialised = new ArrayList<>();
        // A thread inherits its creator's context class loader: the threads that carry this one were
        // started by the initialisations below, not by anything else running in the JVM.
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(fresh);
        try {
            for (String name : classNames) {
                try {
                    initialised.add(Class.forName(name, true, fresh));
                } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
                    problems.add(name + ": static initialisation failed outside the application: " + e);
                }
            }
        } finally {
            current.setContextClassLoader(previous);
        }
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Class<?> type : initialised) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
                    field.setAccessible(true);
                    follow(field.get(null), type.getName() + "." + field.getName(), DEPTH, seen, problems);
                }
            }
        }
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getContextClassLoader() == fresh) {
                problems.add("thread " + thread.getName() + " started during static initialisation");
            }
        }
        return problems;
    }

    private static void follow(Object value, String path, int depth, Set<Object> seen, List<String> problems)
            throws IllegalAccessException {
        if (value == null || depth == 0 || !seen.add(value)) {
            return;
        }
        for (Class<?> refused : REFUSED) {
            if (refused.isInstance(value)) {
                problems.add(path + ": " + value.getClass().getName());
                return;
            }
        }
        if (value instanceof ByteBuffer buffer && buffer.isDirect()) {
            problems.add(path + ": a direct " + value.getClass().getName());
            return;
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            if (!type.getComponentType().isPrimitive()) {
                for (int i = 0; i < Array.getLength(value); i++) {
                    follow(Array.get(value, i), path + "[" + i + "]", depth - 1, seen, problems);
                }
            }
        } else if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                follow(element, path + "[" + i++ + "]", depth - 1, seen, problems);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                follow(entry.getKey(), path + "{key " + entry.getKey() + "}", depth - 1, seen, problems);
                follow(entry.getValue(), path + "{" + entry.getKey() + "}", depth - 1, seen, problems);
            }
        } else if (value instanceof Optional<?> optional) {
            follow(optional.orElse(null), path + ".get()", depth - 1, seen, problems);
        } else if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                Field field = fieldOf(type, component.getName());
                follow(field.get(value), path + "." + component.getName(), depth - 1, seen, problems);
            }
        } else if (!isJdk(type)) {
            for (Class<?> c = type; c != null && !isJdk(c); c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
                        field.setAccessible(true);
                        follow(field.get(value), path + "." + field.getName(), depth - 1, seen, problems);
                    }
                }
            }
        }
    }

    private static Field fieldOf(Class<?> record, String name) {
        try {
            Field field = record.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("a record has a field per component", e);
        }
    }

    /** JDK objects are recognised above or taken as they are: their private fields are closed to reflection. */
    private static boolean isJdk(Class<?> type) {
        Module module = type.getModule();
        return module.isNamed() && module.getName().startsWith("java.");
    }

    /** Loads the application's classes itself (everything else from its parent), so each is initialised afresh. */
    private static final class ApplicationFirst extends ClassLoader {

        ApplicationFirst(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(ROOT + ".")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = define(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        private Class<?> define(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
