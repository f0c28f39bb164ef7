namespace Solifyn.Bench;

/// <summary>The wrk Lua scripts of the scenarios, written to a temporary folder.</summary>
public sealed class Scripts(string apiKey, string businessId)
{
    private readonly string _folder = Directory.CreateTempSubdirectory("solifyn-bench-").FullName;

    public string Write(string name, string lua)
    {
        var path = Path.Combine(_folder, name + ".lua");
        File.WriteAllText(path, lua);
        return path;
    }

    // Each wrk run and thread gets its own prefix (start time, thread number), so keys never repeat across the
    // warm-up and the measured run.
    private const string Counter = """
        local counter = 0
        local prefix = "x"
        local threads = 0
        function setup(thread)
          threads = threads + 1
          thread:set("prefix", tostring(os.time()) .. "t" .. threads)
        end
        function init(args)
          prefix = wrk.thread:get("prefix")
        end

        """;

    public string Post(string name, string body, bool authorized) => Write(name, $$"""
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        {{(authorized ? $"wrk.headers[\"Authorization\"] = \"Bearer {apiKey}\"" : "")}}
        wrk.body = '{{body}}'
        """);

    public string CreateGenerated() => Post("create", """{"productId":"prod_bench","customerId":"cust_bench","activationLimit":5,"expiryHours":720}""", true);

    public string CreateCustom() => Write("create-custom", Counter + $$"""
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        wrk.headers["Authorization"] = "Bearer {{apiKey}}"
        request = function()
          counter = counter + 1
          return wrk.format(nil, nil, nil, '{"productId":"prod_bench","customerId":"cust_bench","key":"C-' .. prefix .. '-' .. counter .. '"}')
        end
        """);

    /// <summary>
    /// The generated-key create, each request with an <c>Idempotency-Key</c> never used before (run, thread, counter),
    /// so every request pays for recording a new key and its outcome: what an SDK that always sends a key costs.
    /// </summary>
    public string CreateIdempotent() => Write("create-idempotent", Counter + $$"""
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        wrk.headers["Authorization"] = "Bearer {{apiKey}}"
        wrk.body = '{"productId":"prod_bench","customerId":"cust_bench","activationLimit":5,"expiryHours":720}'
        request = function()
          counter = counter + 1
          wrk.headers["Idempotency-Key"] = "bench-" .. prefix .. "-" .. counter
          return wrk.format()
        end
        """);

    public string ValidateHot(string key) => Post("validate-hot", $$"""{"businessId":"{{businessId}}","key":"{{key}}"}""", false);

    /// <summary>A validate whose answer is signed: a fresh <c>nonce</c> per request (run, thread, counter).</summary>
    public string ValidateSigned(string key) => Write("validate-signed", Counter + $$"""
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        request = function()
          counter = counter + 1
          return wrk.format(nil, nil, nil, '{"businessId":"{{businessId}}","key":"{{key}}","nonce":"n-' .. prefix .. '-' .. counter .. '"}')
        end
        """);

    public string CheckoutHot(string key) => Post("checkout-hot", $$"""{"businessId":"{{businessId}}","key":"{{key}}","ttlHours":24}""", false);

    public string ValidateCold() => Write("validate-cold", Counter + $$"""
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        request = function()
          counter = counter + 1
          return wrk.format(nil, nil, nil, '{"businessId":"{{businessId}}","key":"COLD-' .. prefix .. '-' .. counter .. '"}')
        end
        """);

    public string Activate(int seeded) => Write("activate", Counter + $$"""
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        request = function()
          counter = counter + 1
          local key = string.format("SEED-%05d", counter % {{seeded}})
          return wrk.format(nil, nil, nil, '{"businessId":"{{businessId}}","key":"' .. key .. '","name":"bench","fingerprint":"fp-' .. prefix .. '-' .. counter .. '"}')
        end
        """);

    public string ListPages() => Write("list", $$"""
        wrk.method = "GET"
        wrk.headers["Authorization"] = "Bearer {{apiKey}}"
        """);

    /// <summary>Creates spread over many businesses: each request picks one of <paramref name="apiKeys"/> at random.</summary>
    public string CreateSpread(IReadOnlyList<string> apiKeys) => Write("create-spread", $$"""
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        wrk.body = '{"productId":"prod_bench","customerId":"cust_bench","activationLimit":5,"expiryHours":720}'
        local keys = { {{string.Join(", ", apiKeys.Select(k => $"\"{k}\""))}} }
        request = function()
          wrk.headers["Authorization"] = "Bearer " .. keys[math.random(#keys)]
          return wrk.format()
        end
        """);
}
