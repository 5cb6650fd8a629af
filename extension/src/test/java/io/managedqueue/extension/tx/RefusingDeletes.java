package io.managedqueue.extension.tx;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/** A data source whose connections refuse {@code DELETE} statements, as a database timing out on a lock would. */
final class RefusingDeletes {

    private RefusingDeletes() {
    }

    static DataSource around(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (self, method, args) -> {
                    Object result = invoke(real, method, args);
                    return result instanceof Connection c ? refusingDeletes(c) : result;
                });
    }

    private static Connection refusingDeletes(Connection real) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (self, method, args) -> {
                    if (method.getName().equals("prepareStatement") && ((String) args[0]).startsWith("DELETE")) {
                        throw new SQLException("DELETE refused by the test");
                    }
                    return invoke(real, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
