package com.rmi360.agent.upload.options;

import java.util.List;
import java.util.Locale;

import com.rmi360.agent.error.ConfigException;

import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * The S3 storage classes an upload may ask for ({@code --storage-class}, config
 * {@code aws.storage_class}): the list {@code aws s3 cp --storage-class} accepts. Images only:
 * the status files are always STANDARD.
 */
public final class StorageClasses {

    public static final List<StorageClass> ALLOWED = List.of(StorageClass.STANDARD, StorageClass.STANDARD_IA,
            StorageClass.ONEZONE_IA, StorageClass.INTELLIGENT_TIERING, StorageClass.GLACIER_IR, StorageClass.GLACIER,
            StorageClass.DEEP_ARCHIVE, StorageClass.REDUCED_REDUNDANCY);

    private StorageClasses() {
    }

    /**
     * @param value a name in any case ({@code standard_ia}), or null
     * @param where what to name in the error ({@code --storage-class}, {@code config.yaml: aws.storage_class})
     * @return the class, or null for "not given" (S3's default, STANDARD)
     */
    public static StorageClass parse(String value, String where) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String name = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (StorageClass allowed : ALLOWED) {
            if (allowed.toString().equals(name)) {
                return allowed;
            }
        }
        throw new ConfigException(where + " '" + value.strip() + "' is not a storage class; use one of "
                + String.join(", ", ALLOWED.stream().map(StorageClass::toString).toList()));
    }
}
