package com.rmi360.testing;

/** The S3 API operation an HTTP request stands for, as far as {@link FaultProxy} needs to tell them apart. */
public enum S3Operation {
    LIST_BUCKETS,
    CREATE_BUCKET,
    DELETE_BUCKET,
    HEAD_BUCKET,
    GET_BUCKET_LOCATION,
    LIST_OBJECTS,
    LIST_OBJECTS_V2,
    LIST_MULTIPART_UPLOADS,
    DELETE_OBJECTS,
    PUT_OBJECT,
    COPY_OBJECT,
    GET_OBJECT,
    HEAD_OBJECT,
    DELETE_OBJECT,
    CREATE_MULTIPART_UPLOAD,
    UPLOAD_PART,
    UPLOAD_PART_COPY,
    COMPLETE_MULTIPART_UPLOAD,
    ABORT_MULTIPART_UPLOAD,
    LIST_PARTS,
    OTHER
}
