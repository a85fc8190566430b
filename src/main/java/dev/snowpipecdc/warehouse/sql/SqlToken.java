package dev.snowpipecdc.warehouse.sql;

/**
 * One lexical token of a Snowflake SQL script. Whitespace and comments are tokens too, so a statement can be
 * rendered back exactly as written apart from the tokens the translator replaces.
 *
 * @param kind what the token is
 * @param text the token exactly as it appears in the script
 * @param line 1-based line of the token's first character, for error messages
 */
public record SqlToken(Kind kind, String text, int line) {

    public enum Kind { WORD, QUOTED_IDENTIFIER, STRING, NUMBER, SYMBOL, WHITESPACE, COMMENT }

    public boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    public boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** Whitespace and comments: tokens that carry no meaning for the parser. */
    public boolean isTrivia() {
        return kind == Kind.WHITESPACE || kind == Kind.COMMENT;
    }

    public SqlToken withText(String replacement) {
        return new SqlToken(kind, replacement, line);
    }
}
