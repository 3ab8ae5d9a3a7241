package com.rmi360.agent.command;

import com.rmi360.agent.config.AgentConfig;
import com.rmi360.agent.config.ProjectSlug;
import com.rmi360.agent.error.UserError;

import picocli.CommandLine.Option;

/** {@code --bucket --slug --prefix} for the upload, monitor and status commands; config.yaml fills the gaps. */
final class ProjectOptions {

    @Option(names = "--bucket", paramLabel = "NAME", description = "Bucket (default: config aws.s3_bucket).")
    String bucket;

    @Option(names = "--slug", paramLabel = "SLUG", description = "Project slug (default: config project.slug).")
    String slug;

    @Option(names = "--prefix", paramLabel = "FOLDER", description = "Image folder (default: config aws.s3_bucket_folder, else the slug).")
    String prefix;

    String bucket(AgentConfig cfg) {
        String b = bucket != null ? bucket.strip() : cfg.bucket().orElseThrow(
                () -> UserError.usage("no bucket: give --bucket or set aws.s3_bucket in config.yaml"));
        if (b.matches(".*<[^<>]*>.*")) {
            throw UserError.usage("--bucket is a placeholder (" + b + ")");
        }
        return b;
    }

    /** The slug, or null when neither flag nor config gives one and {@code required} is false. */
    String slug(AgentConfig cfg, boolean required) {
        if (slug != null) {
            return ProjectSlug.check(slug, "--slug");
        }
        return cfg.projectSlug().orElseGet(() -> {
            if (required) {
                throw UserError.usage("no project slug: give --slug or set project.slug in config.yaml");
            }
            return null;
        });
    }

    String prefix(AgentConfig cfg, String slug) {
        return prefix != null ? prefix.strip().replaceAll("^/+|/+$", "") : cfg.prefix().orElse(slug);
    }
}
