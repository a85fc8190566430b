package dev.snowpipecdc.emulator.sql;

import java.sql.SQLException;
import java.util.List;

/**
 * A part of {@link SnowflakeSqlTranslator} that rewrites one kind of construct; what the construct contains
 * (expressions, arguments, types) it hands back to the translator.
 */
abstract class TranslatorPart extends TokenNavigation {

    final SnowflakeSqlTranslator translator;
    final TranslationContext context;

    TranslatorPart(SnowflakeSqlTranslator translator, TranslationContext context) {
        super(translator.tokens, translator.statement);
        this.translator = translator;
        this.context = context;
    }

    String rewrite(int from, int to) throws SQLException {
        return translator.rewrite(from, to);
    }

    List<String> arguments(int open, int close) throws SQLException {
        return translator.arguments(open, close);
    }

    String type(int start, int[] end) throws SQLException {
        return translator.type(start, end);
    }
}
