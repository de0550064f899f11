System.Console.WriteLine("ok");
