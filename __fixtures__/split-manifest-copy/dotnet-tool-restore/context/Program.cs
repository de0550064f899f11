System.Console.WriteLine("app");
