namespace ProcessStudio.Engine.Expressions.Syntax;

internal enum TokenKind
{
    Number,
    String,
    Identifier,
    Root,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    LeftBrace,
    RightBrace,
    Dot,
    QuestionDot,
    Comma,
    Colon,
    Question,
    QuestionQuestion,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    EqualEqual,
    BangEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    AmpAmp,
    PipePipe,
    Bang,
    Arrow,
    End,
}

/// <summary>One lexical token. <see cref="Text"/> is the name, the decoded string, or the symbol as written.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position, int Length, double Number = 0)
{
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of expression",
        TokenKind.String => "string",
        TokenKind.Number => $"number {Text}",
        _ => $"'{Text}'",
    };
}
