package org.bnn4j.runtime.engine;

/** One step of an execution plan: an op's kernel or a conversion between float and bit form. */
interface Step {
    void run(Workspace ws);
}
