package io.vfn.testfunctions;

/** A class a jar names as its function although it is none. */
public final class NotAFunction {}
