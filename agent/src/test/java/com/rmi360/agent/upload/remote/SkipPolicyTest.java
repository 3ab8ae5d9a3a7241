package com.rmi360.agent.upload.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.rmi360.agent.journal.Journal;
import com.rmi360.agent.journal.JournalEntry;
import com.rmi360.agent.upload.scan.FileTask;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

class SkipPolicyTest {

    static final String SUM = "CRC64NVME:AAAAAAAAAAA=";

    @TempDir
    Path tmp;

    Journal journal;
    final List<String> verified = new ArrayList<>();
    String verifierAnswer;

    final SkipPolicy.RemoteVerifier verifier = (key, file, remote) -> {
        verified.add(key + " " + file.getFileName() + " " + remote.size() + " " + remote.etag());
        return verifierAnswer;
    };

    @BeforeEach
    void open() throws IOException {
        journal = Journal.open(tmp.resolve("journal.log"), "test", Duration.ofSeconds(10));
        journal.record(new JournalEntry("p/a.jpg", 100, 1000, SUM));
    }

    @AfterEach
    void close() throws IOException {
        journal.close();
    }

    static FileTask task(String name, long size, long mtime) {
        return FileTask.found(Path.of("/src", name), "p/" + name, size, mtime);
    }

    /** A listing as {@link RemoteState#list} makes it, from a client that answers one page. */
    static RemoteState listing(boolean heal, S3Object... objects) {
        S3Client s3 = new S3Client() {
            @Override
            public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
                return ListObjectsV2Response.builder().contents(objects).isTruncated(false).build();
            }

            @Override
            public String serviceName() {
                return "s3";
            }

            @Override
            public void close() {
            }
        };
        return RemoteState.list(s3, "b", "p/", heal);
    }

    static S3Object object(String key, long size) {
        return S3Object.builder().key(key).size(size).eTag("\"etag-" + key + "\"").build();
    }

    @Test
    void withoutSkipExistingEverythingIsSent() {
        SkipPolicy p = new SkipPolicy(false, journal, null, verifier);
        assertThat(p.decide(task("a.jpg", 100, 1000))).isEqualTo(SkipPolicy.Decision.SEND);
    }

    @Test
    void theJournalVouchesOnlyForTheSameSizeAndMtime() {
        SkipPolicy p = new SkipPolicy(true, journal, null, verifier);
        assertThat(p.decide(task("a.jpg", 100, 1000))).isEqualTo(SkipPolicy.Decision.IN_JOURNAL);
        assertThat(p.decide(task("a.jpg", 100, 1001))).isEqualTo(SkipPolicy.Decision.SEND);
        assertThat(p.decide(task("a.jpg", 101, 1000))).isEqualTo(SkipPolicy.Decision.SEND);
        assertThat(p.decide(task("new.jpg", 100, 1000))).isEqualTo(SkipPolicy.Decision.SEND);
        assertThat(verified).isEmpty();
    }

    @Test
    void withAListingAJournalLineCountsOnlyIfItsObjectIsListed() {
        SkipPolicy listed = new SkipPolicy(true, journal, listing(false, object("p/a.jpg", 100)), verifier);
        assertThat(listed.decide(task("a.jpg", 100, 1000))).isEqualTo(SkipPolicy.Decision.IN_JOURNAL);
        SkipPolicy gone = new SkipPolicy(true, journal, listing(false, object("p/other.jpg", 100)), verifier);
        assertThat(gone.decide(task("a.jpg", 100, 1000))).isEqualTo(SkipPolicy.Decision.SEND);
        assertThat(verified).isEmpty();
    }

    @Test
    void aHealingListingJournalsAVerifiedObjectInsteadOfSendingIt() {
        verifierAnswer = "CRC64NVME:AQIDBAUGBwg=";
        SkipPolicy p = new SkipPolicy(true, journal, listing(true, object("p/b.jpg", 200)), verifier);
        assertThat(p.decide(task("b.jpg", 200, 2000))).isEqualTo(SkipPolicy.Decision.VERIFIED_IN_S3);
        assertThat(verified).containsExactly("p/b.jpg b.jpg 200 etag-p/b.jpg");
        assertThat(journal.get("p/b.jpg")).hasValue(new JournalEntry("p/b.jpg", 200, 2000, "CRC64NVME:AQIDBAUGBwg="));
        // Now the journal vouches for it.
        assertThat(p.decide(task("b.jpg", 200, 2000))).isEqualTo(SkipPolicy.Decision.IN_JOURNAL);
    }

    @Test
    void aHealingListingSendsWhatItCannotVerify() {
        SkipPolicy p = new SkipPolicy(true, journal, listing(true, object("p/b.jpg", 200), object("p/c.jpg", 300)), verifier);
        verifierAnswer = null;
        assertThat(p.decide(task("b.jpg", 200, 2000))).isEqualTo(SkipPolicy.Decision.SEND);
        // A different size is not even checked; an unlisted file neither.
        assertThat(p.decide(task("c.jpg", 301, 2000))).isEqualTo(SkipPolicy.Decision.SEND);
        assertThat(p.decide(task("d.jpg", 400, 2000))).isEqualTo(SkipPolicy.Decision.SEND);
        assertThat(verified).containsExactly("p/b.jpg b.jpg 200 etag-p/b.jpg");
        assertThat(journal.get("p/b.jpg")).isEmpty();
    }

    @Test
    void aNonHealingListingNeverStandsInForAMissingLine() {
        verifierAnswer = SUM;
        SkipPolicy p = new SkipPolicy(true, journal, listing(false, object("p/b.jpg", 200)), verifier);
        assertThat(p.decide(task("b.jpg", 200, 2000))).isEqualTo(SkipPolicy.Decision.SEND);
        assertThat(verified).isEmpty();
        assertThat(journal.get("p/b.jpg")).isEmpty();
    }
}
