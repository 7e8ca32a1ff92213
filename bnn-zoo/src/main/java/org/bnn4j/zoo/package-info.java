/**
 * Ready-made binarized and ternary models in DL4J's zoo style, and readers for the data sets they train on.
 */
package org.bnn4j.zoo;
