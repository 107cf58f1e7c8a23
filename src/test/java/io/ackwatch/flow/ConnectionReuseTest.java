package io.ackwatch.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reused connection ({@link Connection#reuse}) is a new one: every field of it, and of the state objects it
 * holds, set to something else first, is afterwards what a new connection's is. The fields are found by
 * reflection, so a field added later without a reset fails here. Arrays a new connection has empty (buffers that
 * grow, read only up to a count) may keep their size and contents.
 */
class ConnectionReuseTest {
    /** The state objects a connection holds and reuses: their fields are compared one by one. */
    private static final List<Class<?>> REUSED = List.of(Connection.class, DirectionState.class, ZeekHistory.class,
            UnackedSegments.class);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void everyFieldOfAReusedConnectionIsAsANewOnes(long seed) throws Exception {
        Endpoint printer = new Endpoint("192.0.2.9", 9100);
        Endpoint client = new Endpoint("192.0.2.1", 50_000);
        Connection fresh = new Connection(7, 4, 0, 0xC0000201L, 50_000, 0, 0xC0000209L, 9100, client, printer, true,
                null);

        Connection used = new Connection(3, 6, 11, 12, 13, 14, 15, 16, printer, client, false, null);
        List<String> scrambled = new ArrayList<>();
        scramble(used, new SplittableRandom(seed), "connection", scrambled);
        assertThat(scrambled).as("fields set before the reuse").hasSizeGreaterThan(80);
        used.reuse(7, 4, 0, 0xC0000201L, 50_000, 0, 0xC0000209L, 9100, client, printer, true, null);

        List<String> differences = new ArrayList<>();
        compare(fresh, used, "connection", differences);
        assertThat(differences).as("fields a reuse leaves as they were").isEmpty();
    }

    /** Sets every instance field of {@code o}, and of the reused state objects it holds, to a value not its own. */
    private static void scramble(Object o, SplittableRandom random, String path, List<String> scrambled)
            throws Exception {
        for (Field f : fields(o.getClass())) {
            f.setAccessible(true);
            Class<?> type = f.getType();
            String name = path + "." + f.getName();
            Object value = f.get(o);
            if (owned(f)) {
                scramble(value, random, name, scrambled);
                continue;
            }
            if (type.isArray()) {
                Object array = value != null && Array.getLength(value) > 0 ? value
                        : Array.newInstance(type.getComponentType(), 8);
                for (int i = 0; i < Array.getLength(array); i++) {
                    Array.set(array, i, some(type.getComponentType(), random));
                }
                if (array != value && !Modifier.isFinal(f.getModifiers())) {
                    f.set(o, array);
                }
            } else if (!Modifier.isFinal(f.getModifiers())) {
                f.set(o, some(type, random));
            } else {
                continue;
            }
            scrambled.add(name);
        }
    }

    private static Object some(Class<?> type, SplittableRandom random) throws Exception {
        if (type == long.class) {
            return random.nextLong(1, Long.MAX_VALUE);
        } else if (type == int.class) {
            return random.nextInt(1, Integer.MAX_VALUE);
        } else if (type == byte.class) {
            return (byte) random.nextInt(1, 127);
        } else if (type == boolean.class) {
            return true;
        } else if (type == Endpoint.class) {
            return new Endpoint("198.51.100." + random.nextInt(1, 255), random.nextInt(1, 65_536));
        }
        // any other object: a blank instance of it, which no reset may leave in place
        Field unsafeField = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        unsafeField.setAccessible(true);
        Object unsafe = unsafeField.get(null);
        return unsafe.getClass().getMethod("allocateInstance", Class.class).invoke(unsafe, type);
    }

    private static void compare(Object expected, Object actual, String path, List<String> differences)
            throws Exception {
        for (Field f : fields(expected.getClass())) {
            f.setAccessible(true);
            Object e = f.get(expected);
            Object a = f.get(actual);
            String name = path + "." + f.getName();
            if (owned(f)) {
                compare(e, a, name, differences);
            } else if (f.getType().isArray()) {
                if (e != null && Array.getLength(e) > 0 && !sameElements(e, a)) {
                    differences.add(name);
                }
            } else if (!Objects.equals(e, a)) {
                differences.add(name + ": " + a + " instead of " + e);
            }
        }
    }

    private static boolean sameElements(Object e, Object a) {
        if (a == null || Array.getLength(a) != Array.getLength(e)) {
            return false;
        }
        for (int i = 0; i < Array.getLength(e); i++) {
            if (!Objects.equals(Array.get(e, i), Array.get(a, i))) {
                return false;
            }
        }
        return true;
    }

    /** A state object the connection holds for good (final) and resets; other references (links) are values. */
    private static boolean owned(Field f) {
        return REUSED.contains(f.getType()) && Modifier.isFinal(f.getModifiers());
    }

    private static List<Field> fields(Class<?> type) {
        List<Field> out = new ArrayList<>();
        for (Field f : type.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
                out.add(f);
            }
        }
        return out;
    }
}
