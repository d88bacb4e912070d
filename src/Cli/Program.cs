Console.WriteLine("volara");
