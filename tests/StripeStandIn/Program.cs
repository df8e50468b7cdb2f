using Microsoft.Extensions.Configuration;
using TimeTracker.Tests.Billing;

// stripe-stand-in --urls http://127.0.0.1:PORT [--webhook-url http://…/api/v1/webhooks/stripe --webhook-secret whsec_…]
// For the browser tests (web/e2e/stack.ts); prints "listening on <url>" once it answers.
var arguments = new ConfigurationBuilder().AddCommandLine(args).Build();
var webhookUrl = arguments["webhook-url"];
var webhook = webhookUrl is null ? null : new StripeStandIn.Webhook(new Uri(webhookUrl), arguments["webhook-secret"]
    ?? throw new ArgumentException("--webhook-url needs --webhook-secret (the whsec_… the server verifies with)."));
await using var standIn = await StripeStandIn.StartAsync(arguments["urls"] ?? "http://127.0.0.1:0", webhook);
Console.WriteLine($"listening on {standIn.BaseUrl}");
await standIn.WaitForShutdownAsync();
