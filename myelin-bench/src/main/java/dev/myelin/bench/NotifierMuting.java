package dev.myelin.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;

/**
 * For a diagnostic benchmark only: a {@link DataSource} that hands the event store's after-commit
 * notifier thread (recognised by its name, {@value #NOTIFIER_THREAD}, an implementation detail of
 * {@code myelin-postgres}) a connection that executes nothing, and every other thread a real
 * connection. So the notifier still wakes up and runs, but sends no {@code pg_notify} and commits
 * nothing. Thread-safe.
 */
final class NotifierMuting {

    static final String NOTIFIER_THREAD = "myelin-append-notifier";

    private NotifierMuting() {
    }

    static DataSource wrap(DataSource target) {
        return proxy(DataSource.class, (method, args) -> {
            if (method.getName().equals("getConnection")
                    && NOTIFIER_THREAD.equals(Thread.currentThread().getName())) {
                return proxy(Connection.class, (connectionMethod, connectionArgs) ->
                        connectionMethod.getName().equals("prepareStatement")
                                ? proxy(PreparedStatement.class, (statementMethod, statementArgs) ->
                                        defaultOf(statementMethod.getReturnType()))
                                : defaultOf(connectionMethod.getReturnType()));
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException failure) {
                throw failure.getCause();
            }
        });
    }

    private static Object defaultOf(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(NotifierMuting.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> handler.handle(method, args)));
    }

    /** What a proxy does with a call. */
    private interface Handler {
        Object handle(Method method, Object[] args) throws Throwable;
    }
}
