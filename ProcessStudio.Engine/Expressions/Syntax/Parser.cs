using ProcessStudio.Engine.Expressions.Functions;

namespace ProcessStudio.Engine.Expressions.Syntax;

/// <summary>
/// Recursive-descent parser. Syntax errors stop parsing; unknown functions and wrong argument counts are
/// collected so Check() can report all of them at once.
/// </summary>
internal sealed class Parser
{
    private const int MaxNesting = 64;

    // Chains like a + b + c build a tree as deep as they are long; the evaluator recurses that deep.
    private const int MaxOperations = 500;

    private static readonly Dictionary<TokenKind, (BinaryOperator Operator, int Level)> SymbolOperators = new()
    {
        [TokenKind.QuestionQuestion] = (BinaryOperator.Coalesce, 0),
        [TokenKind.PipePipe] = (BinaryOperator.Or, 1),
        [TokenKind.AmpAmp] = (BinaryOperator.And, 2),
        [TokenKind.EqualEqual] = (BinaryOperator.Equal, 3),
        [TokenKind.BangEqual] = (BinaryOperator.NotEqual, 3),
        [TokenKind.Less] = (BinaryOperator.Less, 4),
        [TokenKind.LessEqual] = (BinaryOperator.LessOrEqual, 4),
        [TokenKind.Greater] = (BinaryOperator.Greater, 4),
        [TokenKind.GreaterEqual] = (BinaryOperator.GreaterOrEqual, 4),
        [TokenKind.Plus] = (BinaryOperator.Add, 5),
        [TokenKind.Minus] = (BinaryOperator.Subtract, 5),
        [TokenKind.Star] = (BinaryOperator.Multiply, 6),
        [TokenKind.Slash] = (BinaryOperator.Divide, 6),
        [TokenKind.Percent] = (BinaryOperator.Remainder, 6),
    };

    private const int HighestBinaryLevel = 6;

    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly FunctionCatalog _functions;
    private readonly List<ExpressionError> _errors = [];
    private int _index;
    private int _nesting;
    private int _operations;

    private Parser(string text, List<Token> tokens, FunctionCatalog functions)
    {
        _text = text;
        _tokens = tokens;
        _functions = functions;
    }

    public static ParsedExpression Parse(string text, FunctionCatalog functions)
    {
        try
        {
            var parser = new Parser(text, Lexer.Tokenize(text), functions);
            var root = parser.ParseWhole();
            return parser._errors.Count == 0 ? new ParsedExpression(root, []) : new ParsedExpression(null, parser._errors);
        }
        catch (ExpressionException e)
        {
            return ParsedExpression.Failed(e.Error);
        }
    }

    private Token Current => _tokens[_index];

    private Token Peek(int ahead) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    private Token Advance() => _tokens[_index < _tokens.Count - 1 ? _index++ : _index];

    private bool Match(TokenKind kind)
    {
        if (Current.Kind != kind) return false;
        Advance();
        return true;
    }

    private Expr ParseWhole()
    {
        if (Current.Kind == TokenKind.End) throw Error("Expression is empty", Current);
        var expr = ParseExpression();
        if (Current.Kind == TokenKind.End) return expr;
        var message = Current.Kind switch
        {
            TokenKind.RightParen => "Unexpected ')' without a matching '('",
            TokenKind.RightBracket => "Unexpected ']' without a matching '['",
            TokenKind.RightBrace => "Unexpected '}' without a matching '{'",
            TokenKind.LeftParen => "Only functions can be called, as name(...) or value.name(...)",
            _ => $"Unexpected {Current.Describe()}; expected an operator or the end of the expression",
        };
        throw Error(message, Current);
    }

    private Expr ParseExpression() => Nested(Current, ParseConditional);

    /// <summary>Guards recursion so hostile input gets an error instead of overflowing the stack.</summary>
    private T Nested<T>(Token at, Func<T> parse)
    {
        if (++_nesting > MaxNesting) throw Error($"Expression is nested too deeply (more than {MaxNesting} levels)", at);
        try
        {
            return parse();
        }
        finally
        {
            _nesting--;
        }
    }

    private Expr ParseConditional()
    {
        var condition = ParseBinary(0);
        if (Current.Kind != TokenKind.Question) return condition;
        var question = Advance();
        var whenTrue = ParseExpression();
        Expect(TokenKind.Colon, $"Expected ':' to complete the conditional '?' at position {question.Position + 1}");
        var whenFalse = ParseExpression();
        return new ConditionalExpr(condition, whenTrue, whenFalse, question.Position, question.Length);
    }

    private Expr ParseBinary(int level)
    {
        if (level > HighestBinaryLevel) return ParseUnary();
        var left = ParseBinary(level + 1);
        while (TryBinaryOperator(level, out var op))
        {
            var token = Advance();
            CountOperation(token);
            var right = ParseBinary(level + 1);
            left = new BinaryExpr(op, token.Text, left, right, token.Position, token.Length);
        }
        return left;
    }

    private void CountOperation(Token token)
    {
        if (++_operations > MaxOperations)
            throw Error($"Expression is too long (more than {MaxOperations} operators and member accesses); split it up", token);
    }

    private bool TryBinaryOperator(int level, out BinaryOperator op)
    {
        if (SymbolOperators.TryGetValue(Current.Kind, out var entry) && entry.Level == level)
        {
            op = entry.Operator;
            return true;
        }
        (op, var keywordLevel) = Current.Kind != TokenKind.Identifier ? (default, -1) : Current.Text switch
        {
            "or" => (BinaryOperator.Or, 1),
            "and" => (BinaryOperator.And, 2),
            _ => (default(BinaryOperator), -1),
        };
        return keywordLevel == level;
    }

    private Expr ParseUnary()
    {
        var token = Current;
        UnaryOperator? op = token.Kind switch
        {
            TokenKind.Minus => UnaryOperator.Negate,
            TokenKind.Plus => UnaryOperator.Plus,
            TokenKind.Bang => UnaryOperator.Not,
            TokenKind.Identifier when token.Text == "not" => UnaryOperator.Not,
            _ => null,
        };
        if (op is null) return ParsePostfix();
        Advance();
        return Nested(token, () => new UnaryExpr(op.Value, ParseUnary(), token.Position, token.Length));
    }

    private Expr ParsePostfix()
    {
        var expr = ParsePrimary();
        var nullSafe = false;
        while (true)
        {
            if (Current.Kind is TokenKind.Dot or TokenKind.QuestionDot or TokenKind.LeftBracket) CountOperation(Current);
            if (Current.Kind is TokenKind.Dot or TokenKind.QuestionDot)
            {
                var dot = Advance();
                nullSafe |= dot.Kind == TokenKind.QuestionDot;
                if (dot.Kind == TokenKind.QuestionDot && Current.Kind == TokenKind.LeftBracket)
                {
                    expr = ParseIndex(expr, nullSafe);
                    continue;
                }
                if (Current.Kind != TokenKind.Identifier)
                    throw Error($"Expected a member name after '{dot.Text}'", Current);
                var name = Advance();
                expr = Current.Kind == TokenKind.LeftParen
                    ? ParseCall(name, [expr], nullSafe)
                    : new MemberExpr(expr, name.Text, nullSafe, name.Position, name.Length);
            }
            else if (Current.Kind == TokenKind.LeftBracket)
            {
                expr = ParseIndex(expr, nullSafe);
            }
            else
            {
                return expr;
            }
        }
    }

    private IndexExpr ParseIndex(Expr target, bool nullSafe)
    {
        var open = Advance();
        var index = ParseExpression();
        ExpectClosing(TokenKind.RightBracket, open);
        return new IndexExpr(target, index, nullSafe, open.Position, Peek(-1).Position + 1 - open.Position);
    }

    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new LiteralExpr(token.Number, token.Position, token.Length);
            case TokenKind.String:
                Advance();
                return new LiteralExpr(token.Text, token.Position, token.Length);
            case TokenKind.Root:
                Advance();
                return new RootExpr(token.Text, token.Position, token.Length);
            case TokenKind.Identifier:
                return ParseName();
            case TokenKind.LeftParen:
                if (IsLambdaAhead()) throw LambdaNotAllowed(token);
                Advance();
                var inner = ParseExpression();
                ExpectClosing(TokenKind.RightParen, token);
                return inner;
            case TokenKind.LeftBracket:
                return ParseArray();
            case TokenKind.LeftBrace:
                return ParseObject();
            case TokenKind.End:
                throw Error("Unexpected end of expression; expected a value", token);
            default:
                throw Error($"Unexpected {token.Describe()}; expected a value", token);
        }
    }

    private Expr ParseName()
    {
        var token = Current;
        switch (token.Text)
        {
            case "true":
            case "false":
                Advance();
                return new LiteralExpr(token.Text == "true", token.Position, token.Length);
            case "null":
                Advance();
                return new LiteralExpr(null, token.Position, token.Length);
        }
        if (Peek(1).Kind == TokenKind.Arrow) throw LambdaNotAllowed(token);
        Advance();
        return Current.Kind == TokenKind.LeftParen
            ? ParseCall(token, [], nullSafeTarget: false)
            : new NameExpr(token.Text, token.Position, token.Length);
    }

    private CallExpr ParseCall(Token name, List<Expr> arguments, bool nullSafeTarget)
    {
        var open = Advance();
        if (!Match(TokenKind.RightParen))
        {
            do
            {
                arguments.Add(IsLambdaAhead() ? ParseLambda() : ParseExpression());
            }
            while (Match(TokenKind.Comma));
            ExpectClosing(TokenKind.RightParen, open);
        }
        CheckFunction(name, arguments.Count);
        return new CallExpr(name.Text, arguments, nullSafeTarget, name.Position, name.Length);
    }

    private void CheckFunction(Token name, int argumentCount)
    {
        if (!_functions.TryGet(name.Text, out var function))
        {
            var suggestion = _functions.Suggest(name.Text);
            var hint = suggestion is null ? "" : $". Did you mean '{suggestion}'?";
            _errors.Add(new ExpressionError($"Unknown function '{name.Text}'{hint}", name.Position, name.Length));
            return;
        }
        if (argumentCount < function.MinArguments || argumentCount > function.MaxArguments)
            _errors.Add(new ExpressionError(
                $"Function '{function.Name}' takes {function.DescribeArity()}, but got {argumentCount}; usage: {function.Signature}",
                name.Position, name.Length));
    }

    private bool IsLambdaAhead()
    {
        if (Current.Kind == TokenKind.Identifier) return Peek(1).Kind == TokenKind.Arrow;
        if (Current.Kind != TokenKind.LeftParen) return false;
        var ahead = 1;
        if (Peek(ahead).Kind == TokenKind.Identifier)
        {
            ahead++;
            while (Peek(ahead).Kind == TokenKind.Comma && Peek(ahead + 1).Kind == TokenKind.Identifier) ahead += 2;
        }
        return Peek(ahead).Kind == TokenKind.RightParen && Peek(ahead + 1).Kind == TokenKind.Arrow;
    }

    private LambdaExpr ParseLambda()
    {
        var start = Current;
        var parameters = new List<string>();
        if (Match(TokenKind.LeftParen))
        {
            while (Current.Kind == TokenKind.Identifier)
            {
                parameters.Add(Advance().Text);
                Match(TokenKind.Comma);
            }
            Advance();
        }
        else
        {
            parameters.Add(Advance().Text);
        }
        var arrow = Advance();
        return new LambdaExpr(parameters, ParseExpression(), start.Position, arrow.Position + arrow.Length - start.Position);
    }

    private ArrayExpr ParseArray()
    {
        var open = Advance();
        var items = new List<Expr>();
        while (Current.Kind != TokenKind.RightBracket)
        {
            items.Add(ParseExpression());
            if (!Match(TokenKind.Comma)) break;
        }
        ExpectClosing(TokenKind.RightBracket, open);
        return new ArrayExpr(items, open.Position, open.Length);
    }

    private ObjectExpr ParseObject()
    {
        var open = Advance();
        var properties = new List<KeyValuePair<string, Expr>>();
        while (Current.Kind != TokenKind.RightBrace)
        {
            var key = Current;
            if (key.Kind is not (TokenKind.Identifier or TokenKind.String or TokenKind.Number))
                throw Error($"Expected a property name or '}}' to close '{{' opened at position {open.Position + 1}", key);
            Advance();
            Expect(TokenKind.Colon, $"Expected ':' after property name '{key.Text}'");
            properties.Add(new(key.Text, ParseExpression()));
            if (!Match(TokenKind.Comma)) break;
        }
        ExpectClosing(TokenKind.RightBrace, open);
        return new ObjectExpr(properties, open.Position, open.Length);
    }

    private void ExpectClosing(TokenKind kind, Token open)
    {
        var close = kind switch { TokenKind.RightParen => ")", TokenKind.RightBracket => "]", _ => "}" };
        Expect(kind, $"Expected '{close}' to close '{open.Text}' opened at position {open.Position + 1}");
    }

    private void Expect(TokenKind kind, string message)
    {
        if (!Match(kind)) throw Error(Current.Kind == TokenKind.End ? message : $"{message}, found {Current.Describe()}", Current);
    }

    private ExpressionException LambdaNotAllowed(Token token) =>
        Error("A lambda (x => ...) can only be passed to a function such as map or filter", token);

    private ExpressionException Error(string message, Token token) =>
        new(new ExpressionError(message, token.Position, Math.Max(token.Length, 1)), _text);
}
