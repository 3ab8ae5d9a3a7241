package com.rmi360.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.rmi360.agent.error.ConfigException;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the toolbox's config.yaml as it is. Any problem is a one-line {@link ConfigException}:
 * {@code config.yaml: no such file}, {@code config.yaml:12: <what the YAML parser says>}, ...
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ConfigLoader() {
    }

    /** Loads and parses {@code file}; values are checked when read (see {@link AgentConfig}). */
    public static AgentConfig load(Path file) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new ConfigException(name + ": is a directory, not a config.yaml file");
        }
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = YAML.readTree(in);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new ConfigException(name + ": permission denied");
        } catch (JacksonException e) {
            throw new ConfigException(describe(name, e), e);
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(name + ": the file is empty");
        }
        if (!root.isObject()) {
            throw new ConfigException(name + ": expected a mapping of keys (project:, aws:, ...) at the top");
        }
        return new AgentConfig(file, name, root);
    }

    private static String describe(String name, JacksonException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                // SnakeYAML knows the line of the problem itself, not just where the construct began.
                String problem = marked.getProblem() == null ? "invalid YAML" : marked.getProblem().strip();
                return name + ":" + (marked.getProblemMark().getLine() + 1) + ": " + problem;
            }
        }
        JsonLocation where = e.getLocation();
        String problem = e.getOriginalMessage();
        // SnakeYAML's messages carry a multi-line excerpt; the first line says what is wrong.
        problem = problem == null ? "invalid YAML" : problem.strip().lines().findFirst().orElse("invalid YAML");
        if (where != null && where.getLineNr() > 0) {
            return name + ":" + where.getLineNr() + ": " + problem;
        }
        return name + ": " + problem;
    }
}
