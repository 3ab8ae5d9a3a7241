package com.rmi360.agent.command;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.rmi360.agent.aws.AwsClients;
import com.rmi360.agent.aws.AwsContext;
import com.rmi360.agent.aws.AwsErrors;
import com.rmi360.agent.aws.StatusLink;
import com.rmi360.agent.cli.AgentRuntime;
import com.rmi360.agent.cli.AwsOptions;
import com.rmi360.agent.cli.ExpiryConverter;
import com.rmi360.agent.config.AgentConfig;
import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.error.UserError;
import com.rmi360.agent.monitor.MonitorControl;
import com.rmi360.monitor.model.MachineView;
import com.rmi360.monitor.model.ProgressCodec;
import com.rmi360.monitor.model.ProgressDocument;
import com.rmi360.monitor.model.StatusKeys;
import com.rmi360.monitor.s3.S3StatusStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@code rmi360 status [--slug S] [--json]}: the progress documents in the bucket's status/ folder,
 * one line per project and, when several machines upload it, one indented line per machine;
 * {@code rmi360 status --link [--expires 7d]}: a presigned link to the project's private page.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show upload progress from status/progress_<slug>.json (every project without --slug).",
                "With --link, print a link to the project's private status page that works without AWS credentials"
                        + " until it expires."})
public final class StatusCommand implements Callable<Integer> {

    private final AgentRuntime runtime;

    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Mixin
    ProjectOptions project;

    @Option(names = "--json", description = "Print the progress JSON as stored.")
    boolean json;

    @Option(names = "--link", description = "Print a presigned link to status/<slug>.html (the project of --slug or config.yaml).")
    boolean link;

    @Option(names = "--expires", paramLabel = "AGE", converter = ExpiryConverter.class, defaultValue = "7d",
            description = "How long the --link works: 7d (the default and the most SigV4 allows), 12h, 30m, 90s.")
    Duration expires;

    StatusCommand(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        AgentConfig cfg = aws.loadConfig();
        String bucket = project.bucket(cfg);
        if (expires.isZero() || expires.compareTo(StatusLink.MAX_EXPIRY) > 0) {
            throw UserError.usage("--expires must be between 1 second and 7d (the most a presigned URL allows), got "
                    + spec.findOption("--expires").originalStringValues().get(0));
        }
        if (!link && spec.findOption("--expires").originalStringValues().size() > 0) {
            throw UserError.usage("--expires goes with --link");
        }
        String slug = project.slug(cfg, link);
        AwsContext ctx = aws.resolve(runtime, spec.commandLine().getErr());
        if (link) {
            return link(ctx, bucket, slug, out, spec.commandLine().getErr());
        }
        try (S3Client s3 = new AwsClients(ctx).s3()) {
            S3StatusStore store = new S3StatusStore(s3);
            MonitorControl control = new MonitorControl(store, null, Clock.systemUTC());
            List<String> slugs = slug != null ? List.of(slug) : store.keys(bucket, StatusKeys.PROGRESS_PREFIX).stream()
                    .filter(k -> k.endsWith(".json") && !k.contains(".corrupt-"))
                    .map(k -> k.substring(StatusKeys.PROGRESS_PREFIX.length(), k.length() - ".json".length()))
                    .filter(StatusKeys::isValidSlug).sorted().toList();
            if (slugs.isEmpty()) {
                throw new UserError(ExitCodes.SOME_FAILED, "no progress documents under s3://" + bucket + "/" + StatusKeys.PROGRESS_PREFIX);
            }
            for (String s : slugs) {
                Optional<ProgressDocument> doc = control.read(bucket, s);
                if (doc.isEmpty()) {
                    throw new UserError(ExitCodes.SOME_FAILED, "no readable s3://" + bucket + "/" + StatusKeys.progress(s));
                }
                out.println(json ? ProgressCodec.encode(doc.get()) : line(doc.get()));
            }
            return ExitCodes.OK;
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "status", ctx.credentialSource());
        }
    }

    private int link(AwsContext ctx, String bucket, String slug, PrintWriter out, PrintWriter err) {
        String key = StatusKeys.page(slug);
        try (S3Client s3 = new AwsClients(ctx).s3()) {
            s3.headObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new UserError(ExitCodes.SOME_FAILED, "no page s3://" + bucket + "/" + key
                    + " yet: the monitor writes it on its first tick");
        } catch (SdkException e) {
            if (e instanceof software.amazon.awssdk.services.s3.model.S3Exception s3e && s3e.statusCode() == 404) {
                throw new UserError(ExitCodes.SOME_FAILED, "no page s3://" + bucket + "/" + key
                        + " yet: the monitor writes it on its first tick");
            }
            throw AwsErrors.translate(e, "status --link", ctx.credentialSource());
        }
        StatusLink.Link made = StatusLink.presign(ctx, bucket, slug, expires, Clock.systemUTC().instant());
        out.println(made.url());
        err.println("status --link: s3://" + bucket + "/" + key + ", works until "
                + DateTimeFormatter.ISO_INSTANT.format(made.expires()) + " for anyone who has the link"
                + " (7 days is the most a presigned URL allows, with an IAM user's access key)");
        if (made.temporaryCredentials()) {
            err.println("status --link: signed with temporary credentials (" + ctx.credentialSource()
                    + "): the link stops working when they expire, usually within hours; sign with the deployer's"
                    + " access key for a 7-day link");
        }
        return ExitCodes.OK;
    }

    static String line(ProgressDocument d) {
        String pct = d.expectedKnown() ? String.format(Locale.ROOT, "%.1f%%", d.percentComplete()) : "-";
        String eta = d.etaSeconds() == null ? "-" : String.format(Locale.ROOT, "%d:%02d:%02d",
                d.etaSeconds() / 3600, (d.etaSeconds() / 60) % 60, d.etaSeconds() % 60);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s: %s, %d of %d images (%s), ETA %s, updated %s",
                d.projectSlug(), d.uploadStatus().label(), d.count(), d.expectedTotal(), pct, eta, d.lastUpdated()));
        for (MachineView m : d.machines()) {
            text.append(String.format(Locale.ROOT, "%n  machine %s: %d of %d files%s, %s, last seen %s, %s", m.machine(),
                    m.done(), m.files(), m.conflicts() > 0 ? " (" + m.conflicts() + " conflicting)" : "",
                    m.filesPerMinute() == null ? "rate -" : String.format(Locale.ROOT, "%.1f images/min", m.filesPerMinute()),
                    m.lastSeen() == null ? "never" : m.lastSeen(), m.state().label()));
        }
        return text.toString();
    }
}
