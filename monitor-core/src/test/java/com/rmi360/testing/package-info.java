/** Real-part fixtures shared by both modules' tests: S3Proxy, moto_server, headless Chromium. */
package com.rmi360.testing;
