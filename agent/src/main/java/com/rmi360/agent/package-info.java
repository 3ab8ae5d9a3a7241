/** The rmi360 command line. */
package com.rmi360.agent;
