package io.managedqueue.tck.setup;

import jakarta.enterprise.context.ApplicationScoped;

/** A plain bean: proves the archive's own classes are deployed and injectable. */
@ApplicationScoped
public class Greeter {

    /**
     * @param name who to greet
     * @return the greeting
     */
    public String greet(String name) {
        return "hello " + name;
    }
}
