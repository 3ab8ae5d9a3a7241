/**
 * The agent's errors, a leaf every layer may import: {@link com.rmi360.agent.error.UserError} (one
 * line, an exit code from {@link com.rmi360.agent.error.ExitCodes}), its config and credentials
 * forms, and {@link com.rmi360.agent.error.Errors} (one line out of any exception). Nothing here
 * imports another package of the agent or picocli.
 */
package com.rmi360.agent.error;
