package dev.snowpipecdc.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PostgreSQL script into statements at the semicolons psql would split at, so that it can be run the
 * way psql runs it: each statement its own transaction unless inside {@code BEGIN ... COMMIT}. Knows what may hold
 * a semicolon that ends nothing: single-quoted strings ({@code ''} inside; {@code E'...'} with backslash escapes),
 * double-quoted identifiers, dollar-quoted strings ({@code $$...$$}, {@code $tag$...$tag$}, as in function
 * bodies and {@code DO} blocks), {@code --} comments and nested {@code /* *&#47;} comments; and, as psql does, a
 * semicolon inside parentheses or inside {@code BEGIN ... END} / {@code CASE ... END} that is not the statement's
 * first word ({@code BEGIN ATOMIC} function bodies, {@code CREATE RULE ... DO (...; ...)}) ends nothing. psql's
 * backslash commands are not supported, nor {@code standard_conforming_strings = off}.
 */
public final class PsqlScript {

    private final String sql;
    private int pos;

    private PsqlScript(String sql) {
        this.sql = sql;
    }

    /** The script's statements, without their semicolons; statements of only comments and blanks are left out. */
    public static List<String> statements(String sql) {
        return new PsqlScript(sql).split();
    }

    private List<String> split() {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean meaningful = false;
        int parenDepth = 0;
        int beginDepth = 0;
        int words = 0;
        while (pos < sql.length()) {
            int start = pos;
            char c = sql.charAt(pos);
            if (c == ';' && parenDepth == 0 && beginDepth == 0) {
                pos++;
                if (meaningful) {
                    statements.add(current.toString().strip());
                }
                current.setLength(0);
                meaningful = false;
                words = 0;
                continue;
            }
            boolean comment = false;
            if (c == '-' && peek(1) == '-') {
                skipLineComment();
                comment = true;
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
                comment = true;
            } else if ((c == 'E' || c == 'e') && peek(1) == '\'' && !wordBefore(start)) {
                pos++;
                skipQuoted('\'', true);
            } else if (c == '\'' || c == '"') {
                skipQuoted(c, false);
            } else if (c == '$' && !wordBefore(start) && dollarTag() != null) {
                skipDollarQuoted(dollarTag());
            } else if (Character.isLetter(c) || c == '_') {
                String word = readWord();
                words++;
                // psql's rule (psqlscan.l): BEGIN or CASE opens a block unless it is the statement's first word
                if ((word.equalsIgnoreCase("BEGIN") || word.equalsIgnoreCase("CASE")) && words > 1) {
                    beginDepth++;
                } else if (word.equalsIgnoreCase("END") && beginDepth > 0) {
                    beginDepth--;
                }
            } else {
                parenDepth += c == '(' ? 1 : c == ')' && parenDepth > 0 ? -1 : 0;
                pos++;
            }
            current.append(sql, start, pos);
            meaningful |= !comment && !Character.isWhitespace(c);
        }
        if (meaningful) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private String readWord() {
        int start = pos;
        while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_'
                || sql.charAt(pos) == '$')) {
            pos++;
        }
        return sql.substring(start, pos);
    }

    private char peek(int ahead) {
        return pos + ahead < sql.length() ? sql.charAt(pos + ahead) : '\0';
    }

    /** An identifier character right before: {@code E'} and {@code $1$} are then part of a word, not quotes. */
    private boolean wordBefore(int at) {
        return at > 0 && (Character.isLetterOrDigit(sql.charAt(at - 1)) || sql.charAt(at - 1) == '_');
    }

    private void skipLineComment() {
        while (pos < sql.length() && sql.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipBlockComment() {
        int depth = 0;
        do {
            if (sql.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (sql.startsWith("*/", pos)) {
                depth--;
                pos += 2;
            } else {
                pos++;
            }
        } while (depth > 0 && pos < sql.length());
    }

    private void skipQuoted(char quote, boolean backslashEscapes) {
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos++);
            if (backslashEscapes && c == '\\') {
                pos++;
            } else if (c == quote) {
                if (peek(0) != quote) {
                    return;
                }
                pos++;
            }
        }
    }

    /** The dollar-quote opener at pos ({@code $$} or {@code $tag$}), or null when there is none. */
    private String dollarTag() {
        int end = pos + 1;
        while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
            end++;
        }
        if (end >= sql.length() || sql.charAt(end) != '$' || end > pos + 1 && Character.isDigit(sql.charAt(pos + 1))) {
            return null;
        }
        return sql.substring(pos, end + 1);
    }

    private void skipDollarQuoted(String tag) {
        int close = sql.indexOf(tag, pos + tag.length());
        pos = close < 0 ? sql.length() : close + tag.length();
    }
}
