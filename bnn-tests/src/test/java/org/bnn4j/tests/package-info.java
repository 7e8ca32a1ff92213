/**
 * Cross-module and end-to-end tests: train, save, export, and check that the runtime agrees with DL4J.
 */
package org.bnn4j.tests;
