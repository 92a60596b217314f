/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.benchmarks.inmemory;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * SQS's answers to SendMessage and SendMessageBatch, computed as SQS does (an id per
 * message and the MD5s of its body, of its message attributes and of its system
 * attributes, each only when it had some) by reading the request's JSON in place.
 * <p>
 * This is the server's work, which a real SQS does on its own machines: what the stand-in
 * allocates for it is counted with the client's call by {@code -prof gc}, so it reads the
 * request with no tree, no map and no string per field, into buffers kept per thread.
 * Before, a JSON tree and a sorted name list per attribute object made a message with
 * trace context cost about 2.9 KB more to answer than one without, which the benchmarks
 * charged to the client that sent the context.
 *
 * @author aws-otel-spring-boot authors
 */
final class SqsSendAnswers {

	private static final ThreadLocal<SqsSendAnswers> PER_THREAD = ThreadLocal.withInitial(SqsSendAnswers::new);

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private final MessageDigest md5;

	private final byte[] digest = new byte[16];

	private final byte[] attributesDigest = new byte[16];

	private final byte[] systemAttributesDigest = new byte[16];

	/** The request's strings that an answer reads, unescaped, one after the other. */
	private byte[] strings = new byte[1024];

	private int stringsLength;

	/** Per attribute of the object being read: name, data type and value in strings. */
	private int[] attributes = new int[6 * 16];

	private int attributeCount;

	private byte[] answer = new byte[1024];

	private int answerLength;

	private byte[] json;

	private int position;

	private SqsSendAnswers() {
		try {
			this.md5 = MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Returns SQS's answer to a SendMessage.
	 * @param request the request's JSON
	 * @return the answer's JSON
	 */
	static byte[] sendMessage(byte[] request) {
		SqsSendAnswers answers = PER_THREAD.get();
		answers.start(request);
		answers.append("{");
		answers.message(false);
		answers.append("}");
		return answers.finish();
	}

	/**
	 * Returns SQS's answer to a SendMessageBatch: every entry successful.
	 * @param request the request's JSON
	 * @return the answer's JSON
	 */
	static byte[] sendMessageBatch(byte[] request) {
		SqsSendAnswers answers = PER_THREAD.get();
		answers.start(request);
		answers.append("{\"Successful\":[");
		answers.expect('{');
		boolean entries = false;
		if (!answers.endOf('}')) {
			do {
				int nameStart = answers.position + 1;
				int nameEnd = answers.skipString();
				answers.expect(':');
				if (answers.is("Entries", nameStart, nameEnd)) {
					answers.expect('[');
					boolean first = true;
					if (!answers.endOf(']')) {
						do {
							answers.append(first ? "{" : ",{");
							answers.message(true);
							answers.append("}");
							first = false;
						}
						while (answers.next(']'));
					}
					entries = true;
				}
				else {
					answers.skipValue();
				}
			}
			while (answers.next('}'));
		}
		if (!entries) {
			throw new IllegalArgumentException("SendMessageBatch without Entries");
		}
		answers.append("],\"Failed\":[]}");
		return answers.finish();
	}

	private void start(byte[] request) {
		this.json = request;
		this.position = 0;
		this.answerLength = 0;
	}

	private byte[] finish() {
		this.json = null;
		return Arrays.copyOf(this.answer, this.answerLength);
	}

	// One message (the request or a batch entry): its answer's fields, in SQS's order.
	private void message(boolean batchEntry) {
		int idStart = -1;
		int idEnd = -1;
		int body = -1;
		int bodyLength = 0;
		byte[] attributesMd5 = null;
		byte[] systemAttributesMd5 = null;
		this.stringsLength = 0;
		expect('{');
		if (!endOf('}')) {
			do {
				int nameStart = this.position + 1;
				int nameEnd = skipString();
				expect(':');
				if (is("Id", nameStart, nameEnd)) {
					// Copied as the request wrote it: it stays valid JSON.
					idStart = this.position + 1;
					idEnd = skipString();
				}
				else if (is("MessageBody", nameStart, nameEnd)) {
					body = this.stringsLength;
					bodyLength = string();
				}
				else if (is("MessageAttributes", nameStart, nameEnd)) {
					attributesMd5 = attributesMd5(this.attributesDigest);
				}
				else if (is("MessageSystemAttributes", nameStart, nameEnd)) {
					systemAttributesMd5 = attributesMd5(this.systemAttributesDigest);
				}
				else {
					skipValue();
				}
			}
			while (next('}'));
		}
		if (batchEntry) {
			append("\"Id\":\"");
			appendRaw(this.json, idStart, idEnd);
			append("\",");
		}
		append("\"MessageId\":\"in-memory\",\"MD5OfMessageBody\":\"");
		this.md5.update(this.strings, Math.max(body, 0), bodyLength);
		appendDigest();
		append("\"");
		appendMd5("MD5OfMessageAttributes", attributesMd5);
		appendMd5("MD5OfMessageSystemAttributes", systemAttributesMd5);
	}

	// The MD5 SQS computes over an object of attributes: sorted by name, each as
	// length-prefixed name, length-prefixed type, transport byte 1 (a string) and the
	// length-prefixed value; null when the object is empty.
	private byte[] attributesMd5(byte[] into) {
		this.attributeCount = 0;
		expect('{');
		if (!endOf('}')) {
			do {
				int name = this.stringsLength;
				int nameLength = string();
				expect(':');
				int type = -1;
				int typeLength = 0;
				int value = -1;
				int valueLength = 0;
				expect('{');
				if (!endOf('}')) {
					do {
						int keyStart = this.position + 1;
						int keyEnd = skipString();
						expect(':');
						if (is("DataType", keyStart, keyEnd)) {
							type = this.stringsLength;
							typeLength = string();
						}
						else if (is("StringValue", keyStart, keyEnd)) {
							value = this.stringsLength;
							valueLength = string();
						}
						else if (is("BinaryValue", keyStart, keyEnd)) {
							throw new IllegalArgumentException("binary attributes are not answered");
						}
						else {
							skipValue();
						}
					}
					while (next('}'));
				}
				if (type < 0 || value < 0) {
					throw new IllegalArgumentException("an attribute without DataType or StringValue");
				}
				add(name, nameLength, type, typeLength, value, valueLength);
			}
			while (next('}'));
		}
		if (this.attributeCount == 0) {
			return null;
		}
		sortByName();
		for (int i = 0; i < this.attributeCount; i++) {
			int at = i * 6;
			lengthPrefixed(this.attributes[at], this.attributes[at + 1]);
			lengthPrefixed(this.attributes[at + 2], this.attributes[at + 3]);
			this.md5.update((byte) 1);
			lengthPrefixed(this.attributes[at + 4], this.attributes[at + 5]);
		}
		digestInto(into);
		return into;
	}

	private void add(int name, int nameLength, int type, int typeLength, int value, int valueLength) {
		int at = this.attributeCount * 6;
		if (at + 6 > this.attributes.length) {
			this.attributes = Arrays.copyOf(this.attributes, this.attributes.length * 2);
		}
		this.attributes[at] = name;
		this.attributes[at + 1] = nameLength;
		this.attributes[at + 2] = type;
		this.attributes[at + 3] = typeLength;
		this.attributes[at + 4] = value;
		this.attributes[at + 5] = valueLength;
		this.attributeCount++;
	}

	// Insertion sort by name, as unsigned UTF-8 bytes (the order of code points): a
	// message has at most 10 attributes.
	private void sortByName() {
		for (int i = 1; i < this.attributeCount; i++) {
			for (int j = i; j > 0 && compareNames(j - 1, j) > 0; j--) {
				for (int k = 0; k < 6; k++) {
					int swap = this.attributes[(j - 1) * 6 + k];
					this.attributes[(j - 1) * 6 + k] = this.attributes[j * 6 + k];
					this.attributes[j * 6 + k] = swap;
				}
			}
		}
	}

	private int compareNames(int first, int second) {
		int a = this.attributes[first * 6];
		int b = this.attributes[second * 6];
		return Arrays.compareUnsigned(this.strings, a, a + this.attributes[first * 6 + 1], this.strings, b,
				b + this.attributes[second * 6 + 1]);
	}

	private void lengthPrefixed(int start, int length) {
		this.md5.update((byte) (length >>> 24));
		this.md5.update((byte) (length >>> 16));
		this.md5.update((byte) (length >>> 8));
		this.md5.update((byte) length);
		this.md5.update(this.strings, start, length);
	}

	private void digestInto(byte[] into) {
		try {
			this.md5.digest(into, 0, 16);
		}
		catch (DigestException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void appendDigest() {
		digestInto(this.digest);
		appendHex(this.digest);
	}

	private void appendMd5(String field, byte[] md5) {
		if (md5 != null) {
			append(",\"");
			append(field);
			append("\":\"");
			appendHex(md5);
			append("\"");
		}
	}

	private void appendHex(byte[] bytes) {
		ensureAnswer(bytes.length * 2);
		for (byte b : bytes) {
			this.answer[this.answerLength++] = HEX[(b >>> 4) & 0xf];
			this.answer[this.answerLength++] = HEX[b & 0xf];
		}
	}

	private void append(String ascii) {
		ensureAnswer(ascii.length());
		for (int i = 0; i < ascii.length(); i++) {
			this.answer[this.answerLength++] = (byte) ascii.charAt(i);
		}
	}

	private void appendRaw(byte[] from, int start, int end) {
		ensureAnswer(end - start);
		System.arraycopy(from, start, this.answer, this.answerLength, end - start);
		this.answerLength += end - start;
	}

	private void ensureAnswer(int more) {
		if (this.answerLength + more > this.answer.length) {
			this.answer = Arrays.copyOf(this.answer, Math.max(this.answer.length * 2, this.answerLength + more));
		}
	}

	// Reading the request's JSON.

	private boolean is(String ascii, int start, int end) {
		if (end - start != ascii.length()) {
			return false;
		}
		for (int i = 0; i < ascii.length(); i++) {
			if (this.json[start + i] != ascii.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private void skipWhitespace() {
		while (this.position < this.json.length && this.json[this.position] <= ' ') {
			this.position++;
		}
	}

	private void expect(char c) {
		skipWhitespace();
		if (this.position >= this.json.length || this.json[this.position] != c) {
			throw new IllegalArgumentException("'" + c + "' expected at " + this.position);
		}
		this.position++;
	}

	// After an opening bracket: whether the container is empty (and then passes its end).
	private boolean endOf(char close) {
		skipWhitespace();
		if (this.json[this.position] == close) {
			this.position++;
			return true;
		}
		return false;
	}

	// After a value in a container: whether another follows (passing the comma) or the
	// container ends (passing its end).
	private boolean next(char close) {
		skipWhitespace();
		byte c = this.json[this.position++];
		if (c == ',') {
			return true;
		}
		if (c == close) {
			return false;
		}
		throw new IllegalArgumentException("',' or '" + close + "' expected at " + (this.position - 1));
	}

	// Passes a string; returns the position of its closing quote.
	private int skipString() {
		expect('"');
		while (this.json[this.position] != '"') {
			this.position += (this.json[this.position] == '\\') ? 2 : 1;
		}
		return this.position++;
	}

	// Reads a string, unescaped, to the end of strings; returns its length in bytes.
	private int string() {
		expect('"');
		int start = this.stringsLength;
		while (true) {
			byte c = this.json[this.position++];
			if (c == '"') {
				return this.stringsLength - start;
			}
			if (c != '\\') {
				put(c);
				continue;
			}
			byte escaped = this.json[this.position++];
			switch (escaped) {
				case 'b' -> put((byte) '\b');
				case 'f' -> put((byte) '\f');
				case 'n' -> put((byte) '\n');
				case 'r' -> put((byte) '\r');
				case 't' -> put((byte) '\t');
				case 'u' -> {
					int code = hex4();
					if (Character.isHighSurrogate((char) code) && this.json[this.position] == '\\'
							&& this.json[this.position + 1] == 'u') {
						this.position += 2;
						code = Character.toCodePoint((char) code, (char) hex4());
					}
					putCodePoint(code);
				}
				default -> put(escaped);
			}
		}
	}

	private int hex4() {
		int code = Integer.parseInt(new String(this.json, this.position, 4, StandardCharsets.US_ASCII), 16);
		this.position += 4;
		return code;
	}

	private void putCodePoint(int code) {
		if (code < 0x80) {
			put((byte) code);
		}
		else if (code < 0x800) {
			put((byte) (0xc0 | (code >> 6)));
			put((byte) (0x80 | (code & 0x3f)));
		}
		else if (code < 0x10000) {
			put((byte) (0xe0 | (code >> 12)));
			put((byte) (0x80 | ((code >> 6) & 0x3f)));
			put((byte) (0x80 | (code & 0x3f)));
		}
		else {
			put((byte) (0xf0 | (code >> 18)));
			put((byte) (0x80 | ((code >> 12) & 0x3f)));
			put((byte) (0x80 | ((code >> 6) & 0x3f)));
			put((byte) (0x80 | (code & 0x3f)));
		}
	}

	private void put(byte b) {
		if (this.stringsLength == this.strings.length) {
			this.strings = Arrays.copyOf(this.strings, this.strings.length * 2);
		}
		this.strings[this.stringsLength++] = b;
	}

	private void skipValue() {
		skipWhitespace();
		byte c = this.json[this.position];
		if (c == '"') {
			skipString();
		}
		else if (c == '{' || c == '[') {
			char close = (c == '{') ? '}' : ']';
			this.position++;
			if (!endOf(close)) {
				do {
					if (c == '{') {
						skipString();
						expect(':');
					}
					skipValue();
				}
				while (next(close));
			}
		}
		else {
			while (this.position < this.json.length && ",}] \t\r\n".indexOf(this.json[this.position]) < 0) {
				this.position++;
			}
		}
	}

}
