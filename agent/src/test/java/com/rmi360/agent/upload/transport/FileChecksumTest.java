package com.rmi360.agent.upload.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileChecksumTest {

    @TempDir
    Path tmp;

    @Test
    void crc32FullAndCompositeMatchAReferenceComputation() throws Exception {
        byte[] data = new byte[25];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        Path f = Files.write(tmp.resolve("x.jpg"), data);
        FileChecksum sum = FileChecksum.compute(f, ChecksumKind.CRC32, 10, 20);

        CRC32 full = new CRC32();
        full.update(data);
        assertThat(sum.full()).isEqualTo(ChecksumKind.CRC32.encode(full.getValue()));
        CRC32 composite = new CRC32();
        for (int off = 0; off < 25; off += 10) {
            CRC32 part = new CRC32();
            part.update(data, off, Math.min(10, 25 - off));
            composite.update(ChecksumKind.CRC32.raw(part.getValue()));
        }
        assertThat(sum.composite()).isEqualTo(ChecksumKind.CRC32.encode(composite.getValue()) + "-3");
        assertThat(sum.matches(sum.full())).isTrue();
        assertThat(sum.matches(sum.composite())).isTrue();
        assertThat(sum.matches(null)).isTrue();
        assertThat(sum.matches("AAAAAA==")).isFalse();
        assertThat(sum.journalValue()).startsWith("CRC32:");
    }

    @Test
    void crc64nvmeOfKnownInputAndEmptyFile() throws Exception {
        // CRC-64/NVME check value for "123456789" is 0xAE8B14860A799888
        Path f = Files.writeString(tmp.resolve("c.jpg"), "123456789");
        FileChecksum sum = FileChecksum.compute(f, ChecksumKind.CRC64NVME, 8 << 20, 16 << 20);
        assertThat(Base64.getDecoder().decode(sum.full()))
                .containsExactly(0xAE, 0x8B, 0x14, 0x86, 0x0A, 0x79, 0x98, 0x88);
        assertThat(sum.composite()).isNull();
        FileChecksum empty = FileChecksum.compute(Files.write(tmp.resolve("e.jpg"), new byte[0]), ChecksumKind.CRC64NVME, 8, 16);
        assertThat(empty.size()).isZero();
        assertThat(empty.full()).isEqualTo("AAAAAAAAAAA=");
    }
}
