package dev.myelin.core;

import java.util.List;

/**
 * Thrown when a mediator is built from registrations with problems; the message lists every
 * problem, one per line, naming the types involved.
 *
 * @since 0.1
 */
public final class MediatorConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param problems the problems found, each naming the types involved
     */
    public MediatorConfigurationException(List<String> problems) {
        super("Mediator configuration has " + problems.size() + " problem(s):\n - " + String.join("\n - ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Returns the problems found.
     *
     * @return one message per problem
     */
    public List<String> problems() {
        return problems;
    }
}
