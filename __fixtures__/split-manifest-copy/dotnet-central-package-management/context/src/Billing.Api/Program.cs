System.Console.WriteLine("billing");
