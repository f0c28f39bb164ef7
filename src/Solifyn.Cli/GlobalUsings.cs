global using System.Security.Cryptography;
global using Orleans;
