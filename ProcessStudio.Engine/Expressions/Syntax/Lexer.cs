using System.Globalization;
using System.Text;

namespace ProcessStudio.Engine.Expressions.Syntax;

/// <summary>Turns expression text into tokens. Positions are offsets into the text.</summary>
internal static class Lexer
{
    private static readonly (string Symbol, TokenKind Kind)[] Symbols =
    [
        // Longest first so "===" wins over "==" and "?." over "?".
        ("===", TokenKind.EqualEqual), ("!==", TokenKind.BangEqual),
        ("==", TokenKind.EqualEqual), ("!=", TokenKind.BangEqual), ("<=", TokenKind.LessEqual), (">=", TokenKind.GreaterEqual),
        ("&&", TokenKind.AmpAmp), ("||", TokenKind.PipePipe), ("??", TokenKind.QuestionQuestion), ("=>", TokenKind.Arrow),
        ("?.", TokenKind.QuestionDot),
        ("(", TokenKind.LeftParen), (")", TokenKind.RightParen), ("[", TokenKind.LeftBracket), ("]", TokenKind.RightBracket),
        ("{", TokenKind.LeftBrace), ("}", TokenKind.RightBrace), (".", TokenKind.Dot), (",", TokenKind.Comma),
        (":", TokenKind.Colon), ("?", TokenKind.Question), ("+", TokenKind.Plus), ("-", TokenKind.Minus),
        ("*", TokenKind.Star), ("/", TokenKind.Slash), ("%", TokenKind.Percent), ("<", TokenKind.Less),
        (">", TokenKind.Greater), ("!", TokenKind.Bang),
    ];

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", text.Length, 0));
                return tokens;
            }

            var c = text[i];
            var token = c switch
            {
                _ when char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])) => ReadNumber(text, i),
                '\'' or '"' => ReadString(text, i),
                '$' => ReadRoot(text, i),
                _ when IsNameStart(c) => ReadName(text, i, TokenKind.Identifier),
                _ => ReadSymbol(text, i),
            };
            tokens.Add(token);
            i += token.Length;
        }
    }

    public static bool IsNameStart(char c) => char.IsLetter(c) || c == '_';

    public static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static Token ReadNumber(string text, int start)
    {
        var i = start;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var exponent = i + 1;
            if (exponent < text.Length && text[exponent] is '+' or '-') exponent++;
            if (exponent < text.Length && char.IsAsciiDigit(text[exponent]))
            {
                i = exponent;
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            }
        }
        if (i < text.Length && IsNameStart(text[i]))
            throw Error(text, $"Invalid number '{text[start..(i + 1)]}'", start, i + 1 - start);

        var literal = text[start..i];
        return new Token(TokenKind.Number, literal, start, i - start, double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private static Token ReadString(string text, int start)
    {
        var quote = text[start];
        var value = new StringBuilder();
        var i = start + 1;
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] != '\\')
            {
                value.Append(text[i++]);
                continue;
            }
            if (i + 1 >= text.Length) break;
            var escape = text[i + 1];
            switch (escape)
            {
                case 'n': value.Append('\n'); break;
                case 't': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case '0': value.Append('\0'); break;
                case '\\' or '\'' or '"' or '/' or '{' or '}': value.Append(escape); break;
                case 'u' when i + 5 < text.Length && ushort.TryParse(text.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    value.Append((char)code);
                    i += 4;
                    break;
                default:
                    throw Error(text, $"Unknown escape sequence '\\{escape}' in string", i, 2);
            }
            i += 2;
        }
        if (i >= text.Length)
            throw Error(text, $"Unterminated string: missing closing {quote}", start, text.Length - start);
        return new Token(TokenKind.String, value.ToString(), start, i + 1 - start);
    }

    private static Token ReadRoot(string text, int start)
    {
        if (start + 1 >= text.Length || !IsNameStart(text[start + 1]))
            throw Error(text, "Expected a name after '$', such as $input or $vars", start, 1);
        var name = ReadName(text, start + 1, TokenKind.Root);
        return name with { Text = "$" + name.Text, Position = start, Length = name.Length + 1 };
    }

    private static Token ReadName(string text, int start, TokenKind kind)
    {
        var i = start;
        while (i < text.Length && IsNamePart(text[i])) i++;
        return new Token(kind, text[start..i], start, i - start);
    }

    private static Token ReadSymbol(string text, int start)
    {
        foreach (var (symbol, kind) in Symbols)
        {
            if (string.CompareOrdinal(text, start, symbol, 0, symbol.Length) != 0) continue;
            // "?." followed by a digit is a ternary with a decimal number ("a ?.5 : 1").
            if (kind == TokenKind.QuestionDot && start + 2 < text.Length && char.IsAsciiDigit(text[start + 2])) continue;
            return new Token(kind, symbol, start, symbol.Length);
        }
        var hint = text[start] switch
        {
            '=' => "; use '==' to compare",
            '&' => "; use '&&' for logical and",
            '|' => "; use '||' for logical or",
            _ => "",
        };
        throw Error(text, $"Unexpected character '{text[start]}'{hint}", start, 1);
    }

    private static ExpressionException Error(string text, string message, int position, int length) =>
        new(new ExpressionError(message, position, Math.Max(length, 1)), text);
}
