package com.rmi360.agent.cli;

import java.lang.reflect.Constructor;

import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Creates command objects, passing the {@link AgentRuntime} to those with a
 * {@code (AgentRuntime)} constructor; everything else is made by picocli's default factory.
 */
public final class RuntimeFactory implements IFactory {

    private final AgentRuntime runtime;
    private final IFactory fallback = CommandLine.defaultFactory();

    public RuntimeFactory(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        Constructor<K> withRuntime;
        try {
            withRuntime = cls.getDeclaredConstructor(AgentRuntime.class);
        } catch (NoSuchMethodException none) {
            return fallback.create(cls);
        }
        withRuntime.setAccessible(true);
        return withRuntime.newInstance(runtime);
    }
}
