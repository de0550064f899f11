System.Console.WriteLine("api");
