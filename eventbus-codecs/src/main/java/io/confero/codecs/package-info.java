/** Event-bus contract: message records, their codecs and the address constants. No I/O. */
package io.confero.codecs;
