package io.ackwatch.verdict;

import io.ackwatch.flow.SynAckOptions;

/**
 * One set of TCP parameters a printer answered with, over its connections in start order.
 *
 * @param parameters the SYN-ACK's options and window, TSval left out ({@link SynAckOptions#parameters()})
 * @param firstStream the first connection (in start order) whose SYN-ACK carried them
 * @param connections how many of the printer's connections got this SYN-ACK
 */
public record SynAckVariant(SynAckOptions parameters, int firstStream, int connections) {}
