/**
 * The agent's background threads, a leaf every layer may import: {@link
 * com.rmi360.agent.thread.DaemonThreads} names them and makes them daemons, so that no background
 * work keeps the JVM alive on its own. Nothing here imports another package of the agent.
 */
package com.rmi360.agent.thread;
