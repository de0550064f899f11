import greeting
